// A scenario's figures, each with what it is and its help (what, formula with the scenario's inputs, reading,
// threshold). One function shapes them: the Scenarios view, the saved exercise, the comparison on reopening and the
// printed brief all show what it returns.
import type { ProviderRanking, RankedProvider, ScenarioResult, ScenarioService } from '../contract-scenarios';
import { countryName } from './countries';
import { providerLabel, type HeadlineHelp } from './headline';
import { SUBSTITUTABILITY_LABELS } from './labels';

export interface ScenarioFigureWithHelp {
  key: string;
  label: string;
  /** The figure in full, as saved, compared on reopening and printed in the brief. */
  value: string;
  /** What a tile shows large when the value is a list (its count); the list is then in the detail. */
  headline?: string;
  /** What the value means in a few words. */
  detail: string;
  tone: 'danger' | 'warning' | null;
  help: HeadlineHelp;
}

const integer = (n: number) => Math.round(n).toLocaleString('en');
const plural = (n: number, one: string, many = `${one}s`) => `${integer(n)} ${n === 1 ? one : many}`;
/** A range of people: "6,000,000 to 8,200,000", or one figure when the bounds meet. */
export const peopleRange = (lower: number, upper: number) => (lower === upper ? integer(lower) : `${integer(lower)} to ${integer(upper)}`);
export const moneyRange = (currency: string, low: number, high: number) => `${currency} ${integer(low)} to ${integer(high)}`;
/** A deadline as printed: YYYY-MM-DD HH:MM (register time), unambiguous on screen and paper. */
export const formatDue = (moment: string | null) => (moment ? moment.replace('T', ' ') : 'no fixed deadline');

/** A service's supporting vendors as the view and the brief list them: whether each is hit, how replaceable, its exit plan. */
export function serviceVendorsLine(s: ScenarioService): string {
  return s.vendors
    .map((v) => `${v.name}${v.affected ? ' (affected)' : ''}: ${v.substitutability ? SUBSTITUTABILITY_LABELS[v.substitutability].toLowerCase() : 'not assessed'}, ${v.exitPlan ? 'exit plan' : 'no exit plan'}`)
    .join(' · ');
}

export function scenarioFigures(r: ScenarioResult): ScenarioFigureWithHelp[] {
  const figures: ScenarioFigureWithHelp[] = [];
  const own = r.vendors.filter((v) => v.reached === 'target').length;
  figures.push({
    key: 'vendors',
    label: 'Vendors affected',
    value: integer(r.vendors.length),
    detail: `${own} ${r.target.kind === 'group' ? 'in the provider group' : 'the provider itself'}, ${r.vendors.length - own} through their supply chain`,
    tone: null,
    help: {
      what: `Our live vendors (active, under review, offboarding) that are ${r.target.name} or its group, or whose supply chain reaches it.`,
      formula: `${own} held by the provider itself + ${r.vendors.length - own} whose chain of suppliers (followed to any depth, each vendor once) contains it = ${r.vendors.length}.`,
      reading: 'The same look-through as the dependency share: a vendor riding on the provider is hit when it is.',
      threshold: 'No threshold.',
    },
  });

  const e = r.exposure;
  if (e) {
    figures.push({
      key: 'people',
      label: 'People exposed',
      value: peopleRange(e.lower, e.upper),
      detail: e.lower === e.upper ? 'distinct people' : 'distinct people: at least, at most',
      tone: e.upper > 0 ? 'danger' : null,
      help: {
        what: 'How many different people’s data sits with the affected vendors. One customer can sit at many vendors, so people are never added up as if distinct.',
        formula: e.largest
          ? `At least the largest vendor’s distinct people (${e.largest.name}: ${integer(e.largest.people)}); at most the sum over the ${plural(r.vendors.length, 'vendor')}, ${integer(e.sumOfVendors)}${e.customerBase !== null ? `, capped by the customer base of ${integer(e.customerBase)}` : ''} = ${integer(e.upper)}.`
          : 'No affected vendor holds data.',
        reading: 'The truth lies between the bounds; the bounds meet when only one vendor is affected.',
        threshold: 'No threshold: every person counts.',
      },
    });
    figures.push({
      key: 'notifiable',
      label: 'Categories that trigger notification',
      // Category labels hold commas ("Passport, driver licence or other government ID"): listed with semicolons.
      value: e.notifiable.length ? `${e.notifiable.length}: ${e.notifiable.join('; ')}` : 'none',
      headline: integer(e.notifiable.length),
      detail: `${e.notifiable.length ? `${e.notifiable.join('; ')} — ` : ''}of ${plural(e.categories.length, 'data category', 'data categories')} exposed`,
      tone: e.notifiable.length ? 'danger' : null,
      help: {
        what: 'The exposed data categories flagged as making a breach notifiable (Settings → Data categories).',
        formula: `Exposed: ${e.categories.map((c) => `${c.label}${c.notifiable ? ' (flagged)' : ''}`).join(', ') || 'none'}.`,
        reading: 'A flagged category makes serious harm likely; without one, the harm must still be judged.',
        threshold: 'The flag of each category, editable.',
      },
    });
    const countries = e.countries.map((c) => (c.country ? countryName(c.country) : 'not recorded'));
    figures.push({
      key: 'countries',
      label: 'Storage countries',
      value: countries.length ? `${countries.length}: ${countries.join(', ')}` : 'none',
      headline: integer(countries.length),
      detail: `where the exposed data is stored${countries.length ? `: ${countries.join(', ')}` : ''}`,
      tone: null,
      help: {
        what: 'The countries where the affected vendors store the exposed data.',
        formula: e.countries.map((c) => `${c.country ? countryName(c.country) : 'not recorded'}: ${integer(c.dataItems)} data items at ${plural(c.vendors, 'vendor')}`).join('; ') || 'No holdings.',
        reading: 'Storage abroad can bring in another regime (GDPR for data stored in the EU is listed to check).',
        threshold: 'No threshold.',
      },
    });
  }

  const stopped = r.services.filter((s) => s.state === 'stopped');
  const critical = stopped.filter((s) => s.criticality === 'critical');
  const important = stopped.filter((s) => s.criticality === 'important');
  const verb = r.input.mode === 'outage' ? 'stopped' : 'stopped if the affected vendors are taken offline';
  // A breach stops nothing by itself: its services are those that stop if the vendors are cut off to contain it.
  const stoppedWord = r.input.mode === 'outage' ? 'stopped' : 'at stake';
  figures.push({
    key: 'critical',
    label: `Critical services ${stoppedWord}`,
    value: integer(critical.length),
    detail: `${r.input.mode === 'outage' ? '' : 'stop if the affected vendors are cut off: '}${critical.length ? critical.map((s) => s.name).join(', ') : 'none'}`,
    tone: critical.length ? 'danger' : null,
    help: {
      what: `Critical services ${verb}: every live vendor supporting them with full or material reliance is affected.`,
      formula: r.services.filter((s) => s.criticality === 'critical').map((s) => `${s.name}: ${s.vendors.filter((v) => v.affected).length} of ${s.vendors.length} supporting vendors affected`).join('; ') || 'No critical service rests on an affected vendor.',
      reading: 'A service with some of its vendors affected is degraded, not stopped, and listed apart.',
      threshold: 'Supporting vendors as in the single-point-of-failure method: low reliance does not count.',
    },
  });
  figures.push({
    key: 'important',
    label: `Important services ${stoppedWord}`,
    value: integer(important.length),
    detail: `${r.input.mode === 'outage' ? '' : 'stop if the affected vendors are cut off: '}${important.length ? important.map((s) => s.name).join(', ') : 'none'}`,
    tone: important.length ? 'warning' : null,
    help: {
      what: `Important services ${verb}.`,
      formula: r.services.filter((s) => s.criticality === 'important').map((s) => `${s.name}: ${s.vendors.filter((v) => v.affected).length} of ${s.vendors.length} supporting vendors affected`).join('; ') || 'No important service rests on an affected vendor.',
      reading: 'As for critical services.',
      threshold: 'No threshold.',
    },
  });
  if (r.input.mode === 'outage') {
    const beyond = critical.filter((s) => s.toleranceBreached);
    const unknown = critical.filter((s) => s.maxOutageHours === null);
    figures.push({
      key: 'tolerance',
      label: 'Critical services past tolerance',
      value: `${integer(beyond.length)} of ${integer(critical.length)}`,
      detail: beyond.length
        ? `${beyond.map((s) => `${s.name} (tolerance ${s.maxOutageHours} h)`).join(', ')}: down ${r.input.outageHours} h`
        : unknown.length
          ? `${unknown.length} with no tolerance set`
          : 'every stopped critical service within its tolerance',
      tone: beyond.length ? 'danger' : unknown.length ? 'warning' : null,
      help: {
        what: 'Critical services stopped for longer than their maximum tolerable outage (the CPS 230 tolerance level set on each service).',
        formula: critical.map((s) => `${s.name}: outage ${integer(r.input.outageHours!)} h vs tolerance ${s.maxOutageHours === null ? 'not set' : `${s.maxOutageHours} h`}`).join('; ') || 'No critical service stopped.',
        reading: 'Past tolerance, APRA expects notice within 24 hours (CPS 230) where it applies.',
        threshold: 'Each service’s maximum tolerable outage, set under Services.',
      },
    });
  }

  const applies = r.obligations.filter((o) => o.status === 'applies').length;
  const firstDue = r.obligations.flatMap((o) => o.steps.filter((s) => s.due).map((s) => ({ due: s.due!, regime: o.regime }))).sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : 0))[0];
  figures.push({
    key: 'obligations',
    label: 'Notification obligations',
    value: `${integer(applies)} ${applies === 1 ? 'applies' : 'apply'}, ${integer(r.obligations.length - applies)} to check`,
    detail: firstDue ? `first fixed deadline ${formatDue(firstDue.due)} (${firstDue.regime})` : 'no fixed deadline',
    tone: applies ? 'danger' : r.obligations.length ? 'warning' : null,
    help: {
      what: 'The notification regimes the scenario triggers, from the jurisdictions we operate in, the exposed categories, where the data is stored and the services stopped.',
      formula: r.obligations.map((o) => `${o.regime}: ${o.status === 'applies' ? 'applies' : 'check'} — ${o.reason}`).join(' ') || 'No rule is triggered.',
      reading: `Deadlines run from when we became aware: ${formatDue(r.awareAt)}${r.input.toldAfterHours ? ` (${r.input.toldAfterHours} hours after it started)` : ''}.`,
      threshold: `Rules in force for ${r.settings.operatesIn.join(', ') || 'no jurisdiction'} (Settings → Scenarios: notification rules and breach costs), each with its source.`,
    },
  });
  if (r.cost) {
    figures.push({
      key: 'cost',
      label: 'Cost range',
      value: moneyRange(r.cost.currency, r.cost.low, r.cost.high),
      detail: r.cost.converted
        ? `about ${moneyRange(r.cost.converted.currency, r.cost.converted.low, r.cost.converted.high)} at ${r.cost.converted.rate} ${r.cost.converted.currency} per ${r.cost.currency}`
        : 'published figures, never one number',
      tone: 'warning',
      help: {
        what: 'A range of what a breach of this size has cost others, from published per-record and large-breach figures.',
        formula: r.cost.explanation,
        reading: 'An order of magnitude for planning, not an estimate of our own loss.',
        threshold: `Sources: ${r.cost.sources.join(' ')}`,
      },
    });
  }
  return figures;
}

/** A provider's bar in the ranking charts: its name with the members behind it. */
export interface RankingBar {
  key: number;
  name: string;
  /** People: at least `lower`; `extra` more at most (stacked: lower + extra = upper). */
  lower: number;
  extra: number;
  upper: number;
  critical: number;
  important: number;
  services: string[];
}

/** The two rankings as ready series: by people its breach would expose, by critical services its outage would stop. */
export function rankingBars(ranking: ProviderRanking): { byPeople: RankingBar[]; byCritical: RankingBar[] } {
  const bar = (p: RankedProvider): RankingBar => ({
    key: p.groupKey,
    name: providerLabel(p),
    lower: p.peopleLower,
    extra: p.peopleUpper - p.peopleLower,
    upper: p.peopleUpper,
    critical: p.criticalStopped,
    important: p.importantStopped,
    services: p.criticalServices,
  });
  return { byPeople: ranking.byPeople.map(bar), byCritical: ranking.byCritical.map(bar) };
}

/** How many providers each ranking lists at most. */
export const RANKED_PROVIDERS = 10;

/** What each ranking chart shows: its bars with their units, and how many providers it lists out of how many. */
export function rankingCaptions(ranking: ProviderRanking): { people: string; critical: string } {
  const people = ranking.byPeople.length;
  const critical = ranking.byCritical.length;
  return {
    people: `Bars: distinct people whose data the provider, or our vendors riding on it, hold — dark: at least (the largest vendor’s), light: possibly up to (the sum over vendors${ranking.customerBase !== null ? ', capped by the customer base' : ''}). ${
      people === RANKED_PROVIDERS ? `Top ${people} of ${plural(ranking.providerCount, 'provider group')}` : `All ${plural(people, 'provider group')} whose breach would expose anyone, of ${integer(ranking.providerCount)}`
    }.`,
    critical: `Bars: services stopped, counted — critical, then important; a service stops when every vendor supporting it (full or material reliance) is the provider or rides on it. ${
      critical === RANKED_PROVIDERS ? `Top ${critical} provider groups` : `All ${plural(critical, 'provider group')} whose outage alone would stop a critical service`
    }.`,
  };
}

/** The help of the ranking charts, with this register's figures. */
export function rankingHelp(ranking: ProviderRanking): { people: HeadlineHelp; critical: HeadlineHelp } {
  const top = ranking.byPeople[0];
  const first = ranking.byCritical[0];
  return {
    people: {
      what: 'The providers whose breach would expose the most people: each provider group with every live vendor that belongs to it or whose supply chain reaches it.',
      formula: top ? `${providerLabel(top)}: at least ${integer(top.peopleLower)} (the largest vendor’s distinct people), at most ${integer(top.peopleUpper)} (the sum over its ${plural(top.vendorCount, 'vendor')}${ranking.customerBase !== null ? `, capped by the customer base of ${integer(ranking.customerBase)}` : ''}).` : 'No provider holds data yet.',
      reading: `Ranked by the lower bound, then the upper; ${plural(ranking.providerCount, 'provider group')} ranked in all. Run the provider’s breach under Scenarios for its categories, services and obligations.`,
      threshold: 'No threshold: a ranking.',
    },
    critical: {
      what: 'The providers whose outage would stop the most critical services: every live vendor supporting the service (full or material reliance) is the provider or rides on it.',
      formula: first ? `${providerLabel(first)}: ${first.criticalServices.join(', ')} (${first.criticalStopped} critical${first.importantStopped ? `, and ${plural(first.importantStopped, 'important service')}` : ''}).` : 'No provider’s outage would stop a critical service.',
      reading: 'A long bar is a single point of failure, direct or hidden in the supply chain, for several services at once.',
      threshold: 'No threshold: a ranking.',
    },
  };
}
