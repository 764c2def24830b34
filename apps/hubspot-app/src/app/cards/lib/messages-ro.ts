import type { Messages } from './messages-en.ts';

const plural = new Intl.PluralRules('ro');
/** Romanian counts: 1 răspuns, 2-19 răspunsuri, 20 de răspunsuri (and 101 răspunsuri, 120 de răspunsuri). */
const counted = (n: number, one: string, few: string, other: string) => {
  const form = plural.select(n);
  return form === 'one' ? one : form === 'few' ? few : other;
};

/** Romanian. */
export const ro: Messages = {
  loading: 'Se încarcă sănătatea clientului…',
  errorTitle: 'Success Metrics nu a putut încărca acest card',
  errorBody: (status) =>
    status === null
      ? 'Serverul Success Metrics nu a răspuns la timp. Încercați din nou peste câteva momente.'
      : `Serverul Success Metrics a răspuns cu o eroare (HTTP ${status}). Încercați din nou peste câteva momente.`,
  retry: 'Încercați din nou',
  emptyTitle: 'Încă nu există date',
  emptyBody:
    'Success Metrics nu are încă date pentru această înregistrare. Prima sincronizare poate fi încă în desfășurare: reveniți peste câteva minute.',
  paused: (source, since) =>
    `${source} este în pauză din ${since}: credențialele au fost refuzate. Datele din ${source} rămân cele de la ultima sincronizare până când un administrator îl reconectează.`,
  notConnected: (source) =>
    `${source} nu este încă conectat, așa că datele din ${source} lipsesc din acest card.`,
  healthScore: 'Scor de sănătate',
  band: { green: 'Sănătos', yellow: 'La risc', red: 'Critic' },
  noScore: 'Încă nu există scor',
  trendVs: (delta) => `${delta} puncte față de acum 30 de zile`,
  trendFlat: 'Constant față de acum 30 de zile',
  trendUnknown: 'Încă nu există tendință',
  whyTitle: 'Ce determină scorul',
  signal: {
    nps: 'NPS',
    csat: 'CSAT',
    fcr: 'Rezolvare la primul contact',
    ticketsPerMonth: 'Tichete pe lună',
    openUrgentTickets: 'Tichete urgente deschise',
    mrrChange: 'Variația MRR',
    daysSinceLastTouch: 'Zile de la ultimul contact',
    licenseUtilization: 'Utilizarea licențelor',
    onboardingCompletion: 'Finalizarea onboardingului',
  },
  columns: { signal: 'Indicator', measured: 'Măsurat', score: 'Scor', weight: 'Pondere', points: 'Puncte' },
  biggestLever: (signal, gain) =>
    `Îmbunătățirea indicatorului ${signal} ar crește cel mai mult scorul: cu până la ${gain} puncte.`,
  missing: (list) => `Nemăsurate, cu ponderea împărțită între celelalte: ${list}`,
  nps: 'NPS',
  csat: 'CSAT',
  ces: 'CES',
  fcr: 'FCR',
  answers: (n, shown) => counted(n, `${shown} răspuns`, `${shown} răspunsuri`, `${shown} de răspunsuri`),
  solvedTickets: (n, shown) =>
    counted(
      n,
      `din ${shown} tichet rezolvat`,
      `din ${shown} tichete rezolvate`,
      `din ${shown} de tichete rezolvate`,
    ),
  lastDays: (n, shown) =>
    counted(n, `ultima ${shown} zi`, `ultimele ${shown} zile`, `ultimele ${shown} de zile`),
  fewAnswers: 'Puține răspunsuri',
  fewAnswersTip: 'Mai puțin de 5 răspunsuri în acest interval: încă un răspuns poate schimba mult valoarea.',
  fewTickets: 'Puține tichete',
  fewTicketsTip:
    'Mai puțin de 5 tichete rezolvate în acest interval: încă un tichet poate schimba mult rata.',
  benchmark: (value, position) =>
    `${{ above: 'Peste', below: 'Sub', within: 'În intervalul' }[position]} reperului (${value})`,
  mrr: 'MRR',
  arr: 'ARR',
  movement: {
    new: 'Client nou luna aceasta',
    expansion: 'Extindere luna aceasta',
    contraction: 'Contracție luna aceasta',
    churn: 'Pierdut luna aceasta',
    reactivation: 'Reactivat luna aceasta',
    flat: 'Nicio schimbare luna aceasta',
  },
  renewal: (date, days) => `Reînnoire pe ${date} (peste ${days} zile)`,
  lastTouch: (days, shown, date) =>
    days === 0
      ? `Ultimul contact azi (${date})`
      : counted(
          days,
          `Ultimul contact acum ${shown} zi (${date})`,
          `Ultimul contact acum ${shown} zile (${date})`,
          `Ultimul contact acum ${shown} de zile (${date})`,
        ),
  noTouch: 'Niciun apel, e-mail, întâlnire sau răspuns la sondaj înregistrat',
  openTickets: 'Tichete deschise',
  urgentTickets: 'Urgente',
  last30Days: (n) => `${n} în ultimele 30 de zile`,
  commentsTitle: 'Cele mai recente comentarii din sondaje',
  noComments: 'Încă nu există comentarii din sondaje.',
  asOf: (when) => `Actualizat ${when}`,
  coverage: (n) => `${n} înregistrări din acest portal nu au putut fi legate de un cont.`,
  openDashboard: 'Deschideți în Success Metrics',
  dashboardMinting: 'Se pregătește linkul de autentificare…',
  dashboardReady: 'Deschideți panoul Success Metrics',
  dashboardLinkValid: 'Acest link de autentificare funcționează o singură dată, în 5 minute.',
  dashboardLinkFailed: 'Linkul către panou nu a putut fi creat. Încercați din nou peste puțin timp.',
  renewalRisk: 'Risc de reînnoire',
  risk: { high: 'Ridicat', medium: 'Mediu', low: 'Scăzut' },
  riskUnknown: 'Date insuficiente',
  dealRevenue: 'Această tranzacție',
  dealAmount: 'Valoare',
  dealMrr: 'MRR',
  closeDate: 'Data închiderii',
  contractEnd: 'Sfârșitul contractului',
  noCompanyTitle: 'Nicio companie asociată',
  noCompanyBody:
    'Asociați această tranzacție cu o companie pentru a vedea sănătatea contului și riscul de reînnoire.',
  surveysTitle: 'Răspunsuri la sondaje',
  noSurveys: 'Această persoană nu a răspuns încă la niciun sondaj.',
  surveyColumns: { date: 'Data', survey: 'Sondaj', answer: 'Răspuns', comment: 'Comentariu' },
  ticketsTitle: 'Tichete recente',
  noTickets: 'Încă nu există tichete de la această persoană.',
  ticketColumns: {
    ticket: 'Tichet',
    status: 'Stare',
    replies: 'Răspunsuri',
    firstContact: 'Rezolvat la primul contact',
  },
  yes: 'Da',
  no: 'Nu',
  notApplicable: '–',
  personFcr: 'FCR-ul persoanei',
  accountHealth: 'Sănătatea contului',
};
