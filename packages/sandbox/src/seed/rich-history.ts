/**
 * A believable portfolio (the demo's): on top of each company's base records, a mood from its
 * revenue scenario (expanding accounts are happy, contracting ones less so, churning ones unhappy and
 * getting worse before they leave), more contacts, survey answers over the 18 months before the
 * anchor in volumes that give stable figures for most accounts (NPS, CSAT and CES shifted by the
 * mood, none after an account churned), and support load that grows as the mood falls (more tickets,
 * more urgent ones, worse ratings). Drawn from streams of its own, so the base seed is unchanged
 * where this adds nothing; deterministic by seed.
 */
import { isoMs } from '../clock.ts';
import { chance, int, pick, type Rng, streamRng } from '../random.ts';
import type { UserRow } from '../state/model.ts';
import { between, DAY, type GenContext, MONTH } from './context.ts';
import { type CompanySeed, contactRow } from './crm.ts';
import { emailLocal, personName, SURVEY_COMMENTS } from './names.ts';
import type { RevenueScenario } from './revenue.ts';
import { endUser, ticketsFrom } from './support.ts';
import { feedbackRow } from './surveys.ts';

/** How content each scenario's customers are, 0-1 (before noise). */
const MOOD: Record<RevenueScenario, [number, number]> = {
  prospect: [0.45, 0.75],
  steady: [0.5, 0.9],
  new: [0.55, 0.9],
  expansion: [0.7, 0.98],
  contraction: [0.25, 0.55],
  churn: [0.05, 0.35],
  reactivation: [0.35, 0.7],
};

/** Days before a churn over which the mood sinks further. */
const SOURING_DAYS = 180;
/** Answers span this many days before the anchor. */
const HISTORY_DAYS = 540;

export interface RichCompany {
  company: CompanySeed;
  /** Zendesk end-users of the company (tickets come from them). */
  users: UserRow[];
  /** When the company's last subscription ended without renewal (churn), or null. */
  churnedAt: number | null;
}

const clamp = (v: number) => Math.min(1, Math.max(0, v));

/** The mood at an instant: a leaving account's falls over its last months (`until`: when it leaves). */
function moodAt(base: number, until: number | null, at: number): number {
  if (until === null) return base;
  const daysLeft = (until - at) / DAY;
  if (daysLeft >= SOURING_DAYS) return base;
  return clamp(base - 0.35 * (1 - Math.max(0, daysLeft) / SOURING_DAYS));
}

function npsAnswer(rng: Rng, mood: number): number {
  const roll = rng();
  const promoter = 0.1 + 0.75 * mood;
  const detractor = 0.6 * (1 - mood);
  if (roll < promoter) return int(rng, 9, 10);
  if (roll < promoter + detractor) return int(rng, 0, 6);
  return int(rng, 7, 8);
}

/** HubSpot's CSAT: 2 happy, 1 neutral, 0 unhappy. */
function csatAnswer(rng: Rng, mood: number): number {
  const roll = rng();
  if (roll < 0.25 + 0.7 * mood) return 2;
  if (roll < 0.25 + 0.7 * mood + 0.45 * (1 - mood)) return 0;
  return 1;
}

function cesAnswer(rng: Rng, mood: number): number {
  return Math.min(7, Math.max(1, Math.round(2 + 5 * mood + (rng() - 0.5) * 2)));
}

/**
 * Adds the believable history of one company: contacts, answers over time, and support load.
 *
 * @example
 * enrichCompany(ctx, streamRng(seed, 'rich', i), { company, users, churnedAt });
 */
export function enrichCompany(ctx: GenContext, rng: Rng, rich: RichCompany): { atRisk: boolean } {
  const { company } = rich;
  // A third of the accounts renewing within half a year are souring now: the renewals at risk.
  const atRisk =
    company.renewalAt !== null && company.renewalAt - ctx.latest < SOURING_DAYS * DAY && chance(rng, 0.35);
  const [low, high] = atRisk ? MOOD.churn : MOOD[company.scenario];
  const mood = low + (high - low) * rng();
  const churnedAt = rich.churnedAt;
  const souringUntil = churnedAt ?? (atRisk ? company.renewalAt : null);
  // Souring accounts fall silent a while before they leave (or before now, for the renewals at
  // risk): nobody answers the surveys any more.
  const leaving = churnedAt ?? (atRisk ? ctx.latest : null);
  const stop = (leaving === null ? ctx.latest : leaving - int(rng, 45, 100) * DAY) - DAY;

  // More people answering: 3-9 contacts in all.
  const extra = Math.max(0, int(rng, 3, 9) - company.contacts.length);
  for (let k = 0; k < extra; k++) {
    const person = personName(rng);
    const email = company.domain
      ? `${emailLocal(person.first, person.last, rng)}.${k}@${company.domain}`
      : null;
    const contact = contactRow(ctx, rng, company.row, email, person);
    ctx.out.hubspot.contacts.push(contact);
    company.contacts.push(contact);
    const orgId = rich.users[0]?.orgId ?? null;
    if (email && chance(rng, 0.6)) {
      const user = endUser(ctx, rng, `${person.first} ${person.last}`, email, orgId, contact.created);
      if (user) rich.users.push(user);
    }
  }

  // A survey round about every quarter; most contacts answer NPS, some CSAT and CES.
  for (const contact of company.contacts) {
    let at = Math.max(contact.created, ctx.anchor - HISTORY_DAYS * DAY) + between(rng, 0, 60 * DAY);
    while (at < stop) {
      const m = moodAt(mood, souringUntil, at);
      const comment = (value: string | null) => (chance(rng, 0.3) ? value : null);
      if (chance(rng, 0.7))
        ctx.out.hubspot.feedback_submissions.push(
          feedbackRow(
            ctx,
            rng,
            contact.id,
            'NPS',
            npsAnswer(rng, m),
            at,
            comment(pick(rng, SURVEY_COMMENTS)),
          ),
        );
      if (chance(rng, 0.35)) {
        const when = Math.min(stop, at + between(rng, DAY, 20 * DAY));
        ctx.out.hubspot.feedback_submissions.push(
          feedbackRow(
            ctx,
            rng,
            contact.id,
            'CSAT',
            csatAnswer(rng, m),
            when,
            comment(pick(rng, SURVEY_COMMENTS)),
          ),
        );
      }
      if (chance(rng, 0.12))
        ctx.out.hubspot.feedback_submissions.push(
          feedbackRow(ctx, rng, contact.id, 'CES', cesAnswer(rng, m), at, null),
        );
      at += between(rng, 2.2 * MONTH, 3.8 * MONTH);
    }
  }

  // Support load grows as the mood falls.
  if (rich.users.length) {
    ticketsFrom(ctx, rng, rich.users, Math.round((1 - mood) * int(rng, 6, 16)), { strain: 1 - mood });
    // Leaving accounts have urgent problems in their last months (open right now for the renewals
    // at risk; open on the days before a churn, as the reconstructed history sees them).
    if (leaving !== null)
      ticketsFrom(ctx, rng, rich.users, int(rng, 2, 4), {
        strain: 1,
        createdAfter: leaving - (atRisk ? 12 : 75) * DAY,
        createdBefore: leaving,
        priority: 'urgent',
      });
  }
  return { atRisk };
}

/**
 * The souring accounts' last logged call, email or meeting lies 70-150 days back (run after the
 * base seed stamps everyone's): silence is part of what makes them critical.
 */
export function staleTouches(ctx: GenContext, companyIds: readonly number[]): void {
  const ids = new Set(companyIds);
  ctx.out.hubspot.companies.forEach((company, i) => {
    if (!ids.has(company.id)) return;
    const rng = streamRng(ctx.seed, 'rich-touch', i);
    company.p.notes_last_contacted = isoMs(between(rng, ctx.latest - 150 * DAY, ctx.latest - 70 * DAY));
  });
}
