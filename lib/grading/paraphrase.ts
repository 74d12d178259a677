/**
 * Paraphrase families: the plain-language ways candidates describe the moves every behavioral story
 * (and many design answers) is judged on, written once and shared by any concept that names the family
 * in its `families` list. A concept keeps its own phrases and patterns; a family adds lemma sets within
 * a window ("halving the range of commits" is bisecting, "the scheduler and the detokenizer each waited
 * for the other" is a deadlock), so an answer in the candidate's own words is not a cliff.
 *
 * Pattern syntax as in lib/grading/match.ts: `+` between terms that must all occur within `~N` words,
 * `|` between alternatives, `*` for a prefix, `!word` excludes the sentence. Matches still go through
 * the evidence rules: not copied, not negated or dismissed, and full credit only with a mechanism.
 */
export type ParaphraseFamily = { description: string; synonyms: string[]; patterns: string[]; examples: { match: string[]; noMatch: string[] } };

export const paraphraseFamilies = {
  measurement: {
    description: "built evidence: measured, profiled, timed, traced, compared before deciding",
    synonyms: ["flame graph", "thread dump", "stack dump", "heap dump", "core dump", "py-spy", "nsight", "perf record", "side by side", "a/b test", "load test"],
    patterns: [
      "i|we + measured|timed|profiled|traced|benchmarked|sampled|counted|instrumented|replayed|load-tested ~4",
      "ran|run|put + under|with + profiler|py-spy|nsight|perf|sampling|tracer|tracing ~8",
      "compared + old|new|both|before|after|against|outputs|vectors|results ~8",
      "took|captured|pulled + dumps|traces|profiles|snapshots|samples ~6",
      "% of + the time|step|time|wall-clock|cycles ~4",
    ],
    examples: {
      match: ["I ran the job for an hour under py-spy.", "I timed every stage of the pipeline.", "I ran old and new on the same 2 million documents and compared every vector."],
      noMatch: ["I asked the team to look into it.", "We had a meeting about the plan."],
    },
  },
  reproduction: {
    description: "made the failure happen again on demand before fixing it",
    synonyms: ["reproduced", "repro", "reproduce", "on demand", "happen again", "made it fail", "recur"],
    patterns: ["make|made|get|got|could + happen|fail|hang|crash|break + again ~6", "trigger*|provoke* + hang|crash|failure|bug|stall ~6"],
    examples: { match: ["I could make the hang happen again in under 20 minutes.", "I got it to crash again by cutting clients mid-stream."], noMatch: ["It never happened again after the fix shipped and we moved on."] },
  },
  bisection: {
    description: "narrowed the cause down systematically (bisect, halve the range, binary search)",
    synonyms: ["bisect", "bisected", "bisecting", "binary search", "git bisect"],
    patterns: ["halv*|halving|halved|split* + range|commits|release|changes|batch|half ~8", "narrow*|pinned|pin + down|to + commit|change|line|shard|node ~8"],
    examples: { match: ["Halving the range four times pinned it to one change.", "I narrowed it down to a single commit."], noMatch: ["We halved the price for customers."] },
  },
  "failure-mechanism": {
    description: "the failure in technical terms: what waited on, overwrote, leaked or ran out of what",
    synonyms: ["deadlock", "race condition", "livelock", "memory leak", "out of memory", "oom", "torn write", "partial write", "bit flip", "lock ordering", "retry storm", "thundering herd", "silent data corruption"],
    patterns: [
      "each|both + waited|waiting|blocked + for|on + other ~10",
      "holding|held|holds + lock + waiting|waited|blocked|tried ~12",
      "ran out of|exhausted|leaked|starved|overflowed + memory|blocks|handles|connections|threads|disk ~6",
      "half-written|truncated|cut short|overwritten|stale + file|checkpoint|shard|data|cache|state ~8",
      "before + flush*|fsync|disk|written|committed ~8",
    ],
    examples: {
      match: ["The scheduler thread was holding the allocator's lock while waiting on a full queue.", "Each waited for the other, forever.", "The writer left a half-written shard when the node died."],
      noMatch: ["The service was slow for a while.", "Something went wrong with the system."],
    },
  },
  prevention: {
    description: "a durable guard so it cannot come back: test on every merge, watchdog, check, invariant",
    synonyms: ["regression test", "watchdog", "invariant", "guardrail", "canary", "fails the build", "blocks the merge", "checksum"],
    patterns: [
      "test|check + every|each + merge|commit|build|release|deploy ~10",
      "alert*|page*|restart*|dump* + if|when|whenever + no|stalls|stall|stuck|exceeds|above ~12",
      "check*|verif*|validat* + at|on|before + load|start|read|merge|deploy ~6",
      "caught + second|another|next|later|again ~10",
    ],
    examples: {
      match: ["The disconnect test now runs on every merge.", "A watchdog restarts the process if no token comes out for 30 seconds.", "It caught a second lock-ordering mistake three months later."],
      noMatch: ["We were more careful after that.", "I told the team to be careful."],
    },
  },
  impact: {
    description: "the cost in numbers: time lost, requests failed, money, GPU-hours",
    synonyms: ["gpu-hours", "gpu hours", "downtime", "failed requests", "hours lost", "credits to", "refund"],
    patterns: [
      "minutes|hours|days + without|of + output|service|downtime|outage|training ~6",
      "lost|cost|wasted|burned + hours|days|gpu|eur|usd|$|k ~6",
      "failed|dropped|lost + requests|jobs|calls|steps ~4",
    ],
    examples: { match: ["47 minutes without output in the EU.", "It cost us about 18,000 GPU-hours.", "Roughly 1.2 million failed requests."], noMatch: ["It was a bad day for everyone."] },
  },
  detection: {
    description: "how the problem was noticed: the page, the graph, the alert",
    synonyms: ["paged", "alerted", "the alert", "on-call page"],
    patterns: ["page|alert|graph|dashboard|monitor* + came|fired|went|showed|flat|spiked|dropped ~8", "noticed|spotted|saw + flat|spike|drop|errors|stalled|stuck|nan ~8"],
    examples: { match: ["The page came from our tokens-per-second graph going flat.", "I noticed the loss curve spiked to NaN."], noMatch: ["I found it interesting."] },
  },
  decision: {
    description: "took the call personally and owned the consequence",
    synonyms: ["made the call", "my call", "my decision", "took the decision", "i decided", "signed off", "carry the pager", "on me"],
    patterns: ["i + decided|chose|committed|took + the decision|to|on myself|it on ~6", "carry|carried|hold|held + pager|on-call ~6", "took + on + myself|me ~4"],
    examples: { match: ["I took the decision on myself.", "I told my director I'd carry the pager for it for six months."], noMatch: ["The director decided for us.", "They chose the other option."] },
  },
  opposition: {
    description: "named the opposing view fairly (who objected and why)",
    synonyms: ["objection", "objected", "pushed back", "disagreed", "opposed", "skeptical", "sceptical"],
    patterns: ["objection|concern|worry|argument + was|is + fair|valid|reasonable|that ~8", "manager|lead|principal|senior|team + worried|argued|wanted|planned + to|that ~8"],
    examples: { match: ["The platform manager's objection was fair: a bespoke job is one more thing to keep alive.", "The principal argued that the network was the problem."], noMatch: ["Everyone was happy with the plan."] },
  },
  "trade-off": {
    description: "what was given up or risked, and why it was acceptable",
    synonyms: ["downside", "gave up", "give up", "live without", "the price", "at the expense of", "trade-off", "tradeoff", "we lose"],
    patterns: ["accept*|tolerat*|afford + delay|outage|backlog|risk|loss|slower|latency ~8", "cost|costs|costing + us + week|weeks|goodwill|time|latency ~6"],
    examples: { match: ["What we'd live without: redundancy across regions.", "An outage means a few hours' backlog, which the contract tolerates."], noMatch: ["It all went perfectly."] },
  },
  "before-after": {
    description: "the outcome as a before/after figure",
    patterns: ["instead of|down from|up from|from + hours|minutes|seconds|ms|%|gpus|machines|servers|eur|$ ~10", "x|times + faster|cheaper|fewer|less|more ~3"],
    synonyms: ["instead of", "down from", "up from"],
    examples: { match: ["The nightly job now takes 2 h 40 min instead of 11 hours.", "About 9 servers instead of 90."], noMatch: ["Things got better overall."] },
  },
  reflection: {
    description: "what they would do differently, concretely",
    synonyms: ["in hindsight", "looking back", "next time", "i would have", "i'd have", "i learned", "lesson"],
    patterns: ["would|should + have + earlier|first|sooner|day one|instead ~10"],
    examples: { match: ["Looking back, I would have brought him into the timing work on day one."], noMatch: ["We shipped it on Friday."] },
  },
  simplification: {
    description: "concrete cuts: services folded into one, in-house parts replaced by public or managed ones",
    synonyms: ["single binary", "one binary", "one service", "off-the-shelf", "managed service", "open-source"],
    patterns: [
      "fold*|merge*|combine*|collapse* + into|one|single ~8",
      "replace*|swap*|give way|gives way + public|managed|hosted|open|standard|existing|off-the-shelf ~10",
      "drop*|remove*|delete*|retire*|cut + service|services|region|regions|layer|feature|features|cluster ~6",
      "one + worker|binary|process|program|deploy|region|database ~3",
    ],
    examples: { match: ["I'd fold the seven services into one worker program.", "The three regions become one.", "Our in-house inference server gives way to the public weights."], noMatch: ["We kept everything as it was."] },
  },
  sizing: {
    description: "capacity sized from measured load, with the arithmetic",
    // Ordered and tight: "needs ~3 cards", not "a cluster of 3 machines that needed manual failover".
    patterns: ["need*|needs|fits|fit > cards|gpus|machines|servers|nodes|cores ~4", "per + second|hour|day|month + so|needs|means ~12", "records|logs|metrics|usage|traffic + say|says|show|showed|shows ~6"],
    synonyms: ["requests per second", "queries per second", "flat out"],
    examples: {
      match: ["150 audio-hours an hour needs about 3 cards running flat out.", "Last quarter's request records say 1.1 million calls a month."],
      noMatch: ["We had a lot of servers.", "Our database ran on a cluster of 3 machines that needed manual failover."],
    },
  },
  // System design: the generic serving and training mechanisms, in plain words.
  batching: {
    description: "requests grouped on the server and run together, with a bound on how long one waits",
    synonyms: ["dynamic batching", "continuous batching", "batch window", "max queue delay"],
    patterns: [
      "collect*|group*|gather*|combin*|pack* + requests|images|prompts|calls|sequences + together|into one|into a|ms|until ~12",
      "wait* + up to|at most|no more than + ms|milliseconds ~8",
      "join*|leave*|enter* + batch|running group + step|iteration|finishes ~12",
    ],
    examples: {
      match: ["The serving program collects requests arriving within 10 ms into one group of up to 32.", "A request waits at most 5 ms for company."],
      noMatch: ["Each request runs on its own as soon as it arrives."],
    },
  },
  caching: {
    description: "results or work remembered and reused for a repeated input",
    synonyms: ["result cache", "prefix cache", "content hash"],
    patterns: [
      "fingerprint*|hash* + file|picture|image|bytes|prompt|prefix + answer*|table|cache|seen|skip*|reuse* ~14",
      "already seen|seen before|repeat*|resen* + answer*|table|skip*|reuse*|ready|cheaper ~12",
      "keep|kept|store*|remember* + ready|around + same|repeat*|opening|prefix ~12",
    ],
    examples: {
      match: ["Pictures already seen are answered from a table keyed by a fingerprint of the file.", "When a customer resends the same opening text, we keep it ready."],
      noMatch: ["Every request is computed from scratch."],
    },
  },
  "priority-lanes": {
    description: "separate queues with priorities so background work never slows interactive work",
    synonyms: ["priority queue", "lower priority", "separate queue", "own queue"],
    patterns: [
      "line|lane|queue + fast|slow|own|separate|priority|what is left|leftover ~8",
      "bulk|import|batch|background|nightly + only gets|left over|what is left|spare ~12",
    ],
    examples: { match: ["Import work goes in a slow line that only gets what is left.", "Requests from the app go in a fast line."], noMatch: ["All requests go through the same path."] },
  },
  "warm-capacity": {
    description: "capacity kept warm or added ahead of a known peak, because a new replica takes minutes",
    synonyms: ["warm pool", "warm spare", "pre-scale", "prewarm", "pre-warm", "minimum replicas"],
    patterns: [
      "stay|stays|kept|keep + switched on|running|idle|ready|warm + spare|waiting|ahead ~10",
      "bring|scale|grow|add + up|pool|machines|replicas|gpus + before|ahead of + peak|import|traffic|starts|begins ~12",
      "minute*|seconds + before + answers|ready|serves|serving ~10",
    ],
    examples: { match: ["Two machines stay switched on and waiting.", "At 00:50 we bring the pool up to 13 before the import begins."], noMatch: ["We scale down to zero at night."] },
  },
  "gradual-release": {
    description: "a new version sees a small share of traffic first and is compared before everyone moves",
    synonyms: ["canary", "staged rollout", "shadow traffic", "a/b"],
    patterns: [
      "new + version|model + first + small|few|% + traffic|users|requests ~12",
      "compare* + old|new|before + version|model|everyone|all ~12",
    ],
    examples: { match: ["A new model version first answers 5% of app traffic.", "We compare its label mix and speed before moving everyone."], noMatch: ["We deploy to all servers at once."] },
  },
  "load-shedding": {
    description: "admission control: refuse or delay work when full instead of collapsing",
    synonyms: ["admission control", "backpressure", "load shedding", "rate limit", "429"],
    patterns: ["refuse*|reject*|turn away|shed*|delay* + requests|load|traffic|work + when|if + full|busy|over|exceed* ~12"],
    examples: { match: ["We refuse new requests when the memory is full."], noMatch: ["We accept everything and hope it fits."] },
  },
  "resume-state": {
    description: "state saved regularly so work resumes where it stopped",
    synonyms: ["checkpoint", "checkpointing", "resumable"],
    patterns: ["save*|write*|snapshot* + state|progress + every|each + minutes|steps|hour ~10", "resume*|pick* up|restart* + where + left|stopped ~10"],
    examples: { match: ["We save the training state every 15 minutes.", "A restarted job picks up where it stopped."], noMatch: ["If it crashes we start over."] },
  },
} satisfies Record<string, ParaphraseFamily>;

export type ParaphraseFamilyName = keyof typeof paraphraseFamilies;
export const paraphraseFamilyNames = Object.keys(paraphraseFamilies) as [ParaphraseFamilyName, ...ParaphraseFamilyName[]];

/** A concept's phrases and patterns with those of its families. */
export function withFamilies<C extends { synonyms?: string[]; patterns?: string[]; families?: string[] }>(c: C): { synonyms: string[]; patterns: string[] } {
  const fams = (c.families ?? []).map((f) => (paraphraseFamilies as Record<string, ParaphraseFamily>)[f]).filter(Boolean);
  return { synonyms: [...(c.synonyms ?? []), ...fams.flatMap((f) => f.synonyms)], patterns: [...(c.patterns ?? []), ...fams.flatMap((f) => f.patterns)] };
}
