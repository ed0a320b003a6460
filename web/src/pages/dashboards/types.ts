// The dashboard as the API answers it (src/modules/dashboards/service.ts, docs/dashboards.md).

export interface Times {
  count: number;
  medianSeconds: number | null;
  p90Seconds: number | null;
}

export interface SchoolTimes {
  school: string;
  schoolId: string;
  escalations: { total: number; openNow: number; oldestOpenSeconds: number | null; acknowledged: Times; resolved: Times };
  reviews: { total: number; openNow: number; decided: Times };
}

export interface DashboardData {
  view: 'school' | 'board';
  board: { id: string; name: string; protocolId: string };
  schools: { id: string; name: string; timeZone: string }[];
  generatedAt: string;
  /** The time zone of all the view's schools; null when they differ (then each school's own, in schools). */
  timeZone: string | null;
  window: { from: string; until: string };
  months: { month: string; reported: number; open: number; closed: number }[];
  articles: { article: string; cases: number }[];
  categories: { category: string; cases: number }[];
  perSchool: { schoolId: string; school: string; reported: number; open: number; closed: number }[];
  openByAge: { bucket: string; fromDays: number; untilDays: number | null; cases: number }[];
  consent: {
    /** Today in the schools' zone; null when the schools' dates differ (then per school in schools). */
    date: string | null;
    schoolYear: string | null;
    schools: { schoolId: string; date: string; schoolYear: string }[];
    rows: { schoolId: string; school: string; group: string; channel: string; media: 'photo' | 'video' | 'audio'; students: number; granted: number; share: number | null }[];
  };
  responseTimes: { days: number; schools: SchoolTimes[] };
  acknowledgements: {
    version: { id: string; version: string } | null;
    employees: number;
    acknowledged: number;
    rate: number | null;
    schools: { schoolId: string; school: string; employees: number; acknowledged: number; rate: number | null }[];
  };
}
