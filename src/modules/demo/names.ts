// Names for the demo school: our own lists of given names and family names as they occur in
// Amsterdam today, grouped by community so that a family's names fit together. Made-up
// combinations; any likeness to a real family is chance. Also the small PRNG the seed uses.

/** A family name with its tussenvoegsel ("van der" + "Meer"). */
export interface FamilyName {
  prefix?: string;
  family: string;
}

export interface Community {
  id: string;
  /** Relative share of families in the demo. */
  weight: number;
  girls: readonly string[];
  boys: readonly string[];
  /** Given names of parents (a generation older). */
  women: readonly string[];
  men: readonly string[];
  families: readonly FamilyName[];
}

/** "van der Meer" -> { prefix: 'van der', family: 'Meer' }. */
function fam(list: string): FamilyName[] {
  const prefixes = ['van der', 'van den', 'van de', "van 't", "in 't", 'de', 'van', 'ter', 'ten', 'te', 'op de'];
  return list
    .split('|')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      const p = prefixes.find((x) => s.startsWith(`${x} `));
      return p ? { prefix: p, family: s.slice(p.length + 1) } : { family: s };
    });
}

const words = (s: string): string[] => s.split(/\s*,\s*/).filter(Boolean);

export const COMMUNITIES: readonly Community[] = [
  {
    id: 'dutch',
    weight: 50,
    girls: words(
      'Emma, Julia, Tess, Zoë, Sophie, Mila, Sara, Nora, Yara, Evi, Anna, Noor, Lotte, Fenna, Saar, Liv, Maud, Lieke, Fleur, Roos, Isa, Femke, Jasmijn, Hanna, Olivia, Elin, Floor, Sofie, Fien, Vera, Lina, Nina, Lisa, Esmée, Anaïs, Mirthe, Romy, Sanne, Feline, Ilse',
    ),
    boys: words(
      'Noah, Sem, Liam, Lucas, Daan, Finn, Levi, Luuk, Mees, Jesse, Milan, Bram, Thijs, Sven, Teun, Gijs, Jens, Ruben, Sam, Julian, Max, Lars, Thomas, Jurre, Stijn, Tijn, Hugo, Floris, Olivier, Boaz, Wessel, Siem, Ties, Cas, Joep, Ravi, Mats, Koen, Pepijn, Niels',
    ),
    women: words('Anouk, Marieke, Linda, Esther, Sanne, Iris, Karin, Femke, Annemiek, Judith, Marloes, Inge, Charlotte, Eline, Renée, Moniek, Wendy, Suzanne, Hester, Nathalie'),
    men: words('Jeroen, Mark, Bas, Martijn, Sander, Pieter, Joost, Wouter, Tim, Erik, Dennis, Michiel, Rutger, Maarten, Robert, Frank, Thijs, Niels, Arjen, Gert-Jan'),
    families: fam(
      'de Jong|Jansen|de Vries|van den Berg|van Dijk|Bakker|Visser|Smit|Meijer|de Boer|Mulder|de Groot|Bos|Vos|Peters|Hendriks|van Leeuwen|Dekker|Brouwer|de Wit|Dijkstra|de Graaf|van der Meer|van der Linden|Kok|Jacobs|de Haan|Vermeulen|van den Heuvel|van der Veen|van den Broek|de Bruijn|van der Heijden|Schouten|van Beek|Willems|van Vliet|van de Ven|Hoekstra|Maas|Verhoeven|Koster|van Dam|van der Wal|Prins|Blom|Huisman|Kuiper|Veenstra|Kramer|van den Brink|Scholten|ter Haar|ter Horst|ten Cate|van \'t Hof|in \'t Veld|op de Beek|Groen|Sluiter|Boersma|Zwart|Verbeek|van Rijn|Kroon|Timmermans|Post|Hoogendoorn|Brink|van Wijk|Vonk|Claassen|Roelofs|Wijnands',
    ),
  },
  {
    id: 'moroccan',
    weight: 14,
    girls: words('Aya, Noor, Salma, Imane, Sara, Yasmina, Nour, Malak, Lina, Hiba, Rania, Dounia, Ilham, Soumaya, Amira, Kenza, Safae, Maryam, Hajar, Ikram'),
    boys: words('Mohamed, Adam, Yassin, Ilyas, Ayoub, Rayan, Amin, Bilal, Zakaria, Anas, Hamza, Imran, Nassim, Yusuf, Othmane, Soufiane, Mehdi, Badr, Idriss, Younes'),
    women: words('Fatima, Khadija, Naima, Samira, Latifa, Hanane, Siham, Houda, Malika, Nadia, Loubna, Karima'),
    men: words('Mohammed, Ahmed, Abdelkader, Rachid, Mustafa, Hassan, Said, Khalid, Youssef, Driss, Karim, Mourad'),
    families: fam(
      'El Amrani|Bouzid|Benali|El Idrissi|Azzouzi|Ouali|El Khattabi|Boukhari|Chaouch|Haddou|Ait Taleb|Amrani|Bakkali|El Ouardi|Tahiri|Zerouali|Lahlou|Belhaj|Marzouki|El Bouazzaoui|Aarab|Akhiat|Bouchtaoui|Essaidi',
    ),
  },
  {
    id: 'turkish',
    weight: 10,
    girls: words('Elif, Zeynep, Ecrin, Eylül, Defne, Azra, Ayşe, Büşra, Meryem, Nehir, Yağmur, Irmak, Beren, Duru, Sude, Esma, Hira, Asya'),
    boys: words('Yusuf, Emir, Mert, Kerem, Ömer, Efe, Eymen, Arda, Can, Burak, Emre, Çağan, Barış, Alperen, Deniz, Furkan, Ali, Kaan'),
    women: words('Fatma, Hatice, Emine, Gülsen, Özlem, Selin, Derya, Nurcan, Sibel, Esra, Gizem, Tuğba'),
    men: words('Mehmet, Hüseyin, İbrahim, Murat, Hakan, Gökhan, Serkan, Volkan, Erdoğan, Cengiz, Özgür, Tolga'),
    families: fam('Yılmaz|Kaya|Demir|Şahin|Çelik|Yıldız|Öztürk|Aydın|Özdemir|Arslan|Doğan|Kılıç|Aslan|Çetin|Koç|Kurt|Özkan|Şimşek|Polat|Erdem|Güneş|Akgül'),
  },
  {
    id: 'surinamese',
    weight: 10,
    girls: words('Shanice, Priya, Dewi, Kimberley, Naomi, Jaylinn, Anjali, Shania, Sharon, Ranjita, Kayleigh, Amani, Ashanti, Sita, Nadine, Chayenne, Sariena'),
    boys: words('Jaylen, Quincy, Ravi, Rohan, Jermaine, Dwayne, Anand, Xavier, Damian, Sunil, Giovanni, Darnell, Kevin, Aryan, Naresh, Jordy, Rayvano'),
    women: words('Sunita, Marisca, Kavita, Sandra, Monique, Shirley, Radjeshrie, Ingrid, Cynthia, Patricia, Anita, Ria'),
    men: words('Ricardo, Rajesh, Glenn, Roy, Orlando, Prem, Clarence, Edgar, Rakesh, Stanley, Humphrey, Ashwin'),
    families: fam(
      'Pinas|Sedney|Brunings|Held|Bhagwandin|Ramdin|Mahabier|Ramsaran|Kromodikromo|Sitaldin|Doelwijt|Wijngaarde|Tjon A Fong|Oemrawsingh|Biharie|Lachmon|Fränkel|Amatsahip|Kartowidjojo|Jessurun',
    ),
  },
  {
    id: 'polish',
    weight: 4,
    girls: words('Zofia, Zuzanna, Maja, Hanna, Lena, Julia, Oliwia, Alicja, Wiktoria, Natalia'),
    boys: words('Jakub, Antoni, Szymon, Filip, Kacper, Mikołaj, Aleksander, Wojciech, Igor, Oskar'),
    women: words('Agnieszka, Katarzyna, Magdalena, Joanna, Ewa, Małgorzata'),
    men: words('Piotr, Tomasz, Krzysztof, Paweł, Marcin, Andrzej'),
    families: fam('Nowak|Kowalczyk|Wójcik|Mazur|Krawczyk|Zając|Król|Wróbel|Dudek|Pawlak'),
  },
  {
    id: 'ghanaian',
    weight: 4,
    girls: words('Ama, Akosua, Abena, Efua, Adwoa, Grace, Princess, Nana, Esi, Afia'),
    boys: words('Kwame, Kofi, Kwabena, Yaw, Kojo, Emmanuel, Samuel, Prince, Nana, Kwesi'),
    women: words('Akua, Gifty, Comfort, Mercy, Felicia, Vida'),
    men: words('Kwaku, Isaac, Daniel, Ebenezer, Joseph, Richard'),
    families: fam('Mensah|Owusu|Boateng|Asante|Osei|Appiah|Agyeman|Addo|Ofori|Annan'),
  },
  {
    id: 'south-european',
    weight: 4,
    girls: words('Sofía, Mariana, Giulia, Inês, Lucía, Beatriz, Chiara, Léa, Chloé, Maëlle'),
    boys: words('Mateo, Tomás, Luca, Diego, Rafael, João, Théo, Gabriel, Lorenzo, Hugo'),
    women: words('Ana, Francesca, Marta, Claire, Isabel, Élodie'),
    men: words('João, Marco, Pablo, Stéphane, Miguel, Alessandro'),
    families: fam('Silva|Santos|Pereira|García|Fernández|Rossi|Bianchi|Esposito|Dubois|Lefèvre|Martínez|Costa'),
  },
  {
    id: 'asian',
    weight: 4,
    girls: words('Mei, Lin, Yuna, Xinyi, Priyanka, Ananya, Linh, Hana, Aiko, Diya'),
    boys: words('Wei, Jun, Kenji, Arjun, Minh, Haruto, Ethan, Rohan, Hao, Vihaan'),
    women: words('Xiaoling, Deepa, Thi Lan, Yuki, Meera, Hui'),
    men: words('Li, Rajiv, Duc, Hiroshi, Sanjay, Jian'),
    families: fam('Chen|Wang|Tan|Li|Nguyen|Tran|Sharma|Patel|Iyer|Tanaka|Lim|Huang'),
  },
];

// ---- the PRNG ------------------------------------------------------------------------------

/** mulberry32: small, fast and good enough for demo data; the same seed gives the same stream. */
export class Random {
  private state: number;
  constructor(seed: number) {
    this.state = (Math.trunc(seed) ^ 0x9e3779b9) >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(list: readonly T[]): T {
    if (list.length === 0) throw new Error('pick from an empty list');
    return list[Math.floor(this.next() * list.length)]!;
  }

  weighted<T extends { weight: number }>(list: readonly T[]): T {
    const total = list.reduce((s, x) => s + x.weight, 0);
    let r = this.next() * total;
    for (const x of list) {
      r -= x.weight;
      if (r < 0) return x;
    }
    return list[list.length - 1]!;
  }

  shuffle<T>(list: readonly T[]): T[] {
    const out = [...list];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  }
}
