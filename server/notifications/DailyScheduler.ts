/**
 * Runs the daily jobs inside the server: reminders, then the digest, once a day from a set hour
 * (Europe/London). A job claims its day by inserting a row into scheduled_runs; the primary key
 * lets exactly one process win, so two servers never both run it. A failed run gives its claim
 * back and is tried again at the next tick (the jobs themselves never tell anyone twice).
 */
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { notifyFlagsOf } from "../flags/flagNotifications.js";
import { scheduledRuns } from "../db/schema/index.js";
import type { Logger } from "../logger.js";
import type { MailQueue } from "../mail/MailQueue.js";
import { sendDailyDigests } from "./dailyDigest.js";
import { remindActionOwners, remindCheckinsDue } from "./dailyReminders.js";
import type { Notifier } from "./Notifier.js";

export interface SchedulerOptions {
  db: Db;
  notifier: Notifier;
  mail: MailQueue;
  logger: Logger;
  /** The hour (0–23, Europe/London) from which the day's jobs run. */
  hour: number;
  /** How often to look at the clock. */
  tickMs?: number;
}

/** The day (YYYY-MM-DD) and hour in England at `now`. */
export function londonClock(now: Date): { day: string; hour: number } {
  const parts = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", hourCycle: "h23" }).formatToParts(now);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return { day: `${get("year")}-${get("month")}-${get("day")}`, hour: Number(get("hour")) };
}

type Job = { name: string; run: (day: string) => Promise<number> };

/** The scheduler of one process. */
export class DailyScheduler {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  private readonly jobs: Job[];

  constructor(private readonly options: SchedulerOptions) {
    const { db, notifier, mail } = options;
    // Reminders first, so the day's reminders are in the day's digest.
    this.jobs = [
      // Flags that time alone raised (an action fell overdue overnight, a review was missed) are told with the reminders.
      { name: "reminders", run: async (day) => (await remindActionOwners(db, notifier, day)) + (await remindCheckinsDue(db, notifier, day)) + (await notifyFlagsOf(db, notifier, "all", day)) },
      { name: "digest", run: () => sendDailyDigests(db, notifier, mail) },
    ];
  }

  start(): void {
    const tick = () => {
      this.running = this.runDue().catch((err) => this.options.logger.error("scheduler: run failed", { err: String(err) }));
      void this.running.finally(() => {
        this.running = null;
      });
    };
    this.timer = setInterval(tick, this.options.tickMs ?? 60_000);
    this.timer.unref();
    tick();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** Runs each job whose hour has come today and that no process has claimed; returns the jobs this process ran. */
  async runDue(now = new Date()): Promise<string[]> {
    const { day, hour } = londonClock(now);
    if (hour < this.options.hour) return [];
    const ran: string[] = [];
    for (const job of this.jobs) {
      const claimed = await this.options.db.insert(scheduledRuns).values({ job: job.name, day }).onConflictDoNothing().returning({ job: scheduledRuns.job });
      if (!claimed.length) continue;
      try {
        const made = await job.run(day);
        await this.options.db.update(scheduledRuns).set({ finishedAt: sql`now()` }).where(and(eq(scheduledRuns.job, job.name), eq(scheduledRuns.day, day)));
        this.options.logger.info("scheduler: ran a daily job", { job: job.name, day, made });
        ran.push(job.name);
      } catch (err) {
        await this.options.db.delete(scheduledRuns).where(and(eq(scheduledRuns.job, job.name), eq(scheduledRuns.day, day)));
        throw err;
      }
    }
    return ran;
  }
}
