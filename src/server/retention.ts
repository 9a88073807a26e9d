/**
 * Erasing personal data once it is no longer needed (RODO art. 5(1)(e)). Each kind of data that closes — a rejected
 * contribution, a help offer nobody confirms any more, a handled contact request — registers one rule saying how
 * long it is kept after closing and how to erase what is older. The job runs every rule at start-up and then daily.
 */
export interface RetentionRule {
  /** What the rule erases, for the log: "rejected contributions". */
  name: string;
  /** Days kept after closing (0: erased at the next run). The periods come from config (README: Privacy rules). */
  days: number;
  /** Erases everything of this kind closed before `cutoff`; returns how many it erased. */
  erase(cutoff: Date): Promise<number>;
}

const DAY_MS = 86_400_000;

export class RetentionJob {
  private readonly rules: RetentionRule[] = [];
  private timer: ReturnType<typeof setInterval> | undefined;

  /**
   * `flush` runs after a run that erased anything: it checkpoints the WAL, so the erased rows' old page images leave
   * the -wal file too (db/open.ts checkpointWal). `log` hears one line per rule that erased something.
   */
  constructor(
    private readonly now: () => Date,
    private readonly flush: () => Promise<void>,
    private readonly log: (line: string) => void = (line) => console.log(line),
  ) {}

  register(rule: RetentionRule): void {
    if (!Number.isInteger(rule.days) || rule.days < 0) {
      throw new RangeError(`retention rule "${rule.name}": days must be a whole number ≥ 0, got ${rule.days}`);
    }
    if (this.rules.some((r) => r.name === rule.name)) throw new Error(`retention rule "${rule.name}" registered twice`);
    this.rules.push(rule);
  }

  /** Runs every rule once; returns how many items each erased. One failing rule does not stop the others. */
  async run(): Promise<Record<string, number>> {
    const erased: Record<string, number> = {};
    const now = this.now().getTime();
    for (const rule of this.rules) {
      try {
        erased[rule.name] = await rule.erase(new Date(now - rule.days * DAY_MS));
        if (erased[rule.name]) this.log(`retention: erased ${erased[rule.name]} ${rule.name} (kept ${rule.days} days)`);
      } catch (e) {
        console.error(`retention: rule "${rule.name}" failed; the others ran`, e);
      }
    }
    if (Object.values(erased).some((n) => n > 0)) await this.flush();
    return erased;
  }

  /** Runs now and then every `everyMs` (a day); the timer does not keep the process alive. */
  start(everyMs = DAY_MS): void {
    this.stop();
    void this.run();
    this.timer = setInterval(() => void this.run(), everyMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
