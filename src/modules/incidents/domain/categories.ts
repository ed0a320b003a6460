// What a report is about. One category is special: sexual images of minors are never uploaded
// or stored, and such a case always needs the police decision (D.6).

export const CATEGORIES = ['bullying', 'threat', 'defamation', 'privacy', 'discrimination', 'sexual_images_of_minors', 'other'] as const;
export type Category = (typeof CATEGORIES)[number];

export const NO_IMAGES_CATEGORY: Category = 'sexual_images_of_minors';

export const CATEGORY_LABELS: Record<Category, { nl: string; en: string }> = {
  bullying: { nl: 'Pesten, kwetsen of uitschelden', en: 'Bullying, hurting or insulting' },
  threat: { nl: 'Bedreiging', en: 'Threat' },
  defamation: { nl: 'Iemand zwart maken (smaad, laster)', en: 'Defamation' },
  privacy: { nl: 'Privé-gegevens of beeld zonder toestemming', en: 'Private details or images without consent' },
  discrimination: { nl: 'Discriminatie', en: 'Discrimination' },
  sexual_images_of_minors: {
    nl: 'Seksueel beeld van een minderjarige (stuur het beeld niet mee, beschrijf alleen wat en waar)',
    en: 'Sexual image of a minor (do not send the image, describe only what and where)',
  },
  other: { nl: 'Iets anders', en: 'Something else' },
};

export function needsPoliceDecision(category: Category): boolean {
  return category === NO_IMAGES_CATEGORY;
}

export const LVI_PHONE = '0900 - 1113111';
export const LVI_TASK_TITLE = `Meld telefonisch bij de Landelijke Vertrouwensinspecteur, ${LVI_PHONE}`;
