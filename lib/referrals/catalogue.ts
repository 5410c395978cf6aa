import { z } from "zod";
import type { Db } from "../db";
import type { Prisma } from "../generated/prisma/client";
import { choice, posted, text, wholeNumber } from "../console/form-fields";

/**
 * The reward catalogue: what referral points buy. Staff edit it in the console
 * (/console/referrals/rewards); the public /refer page, the status page, the redemption form
 * and the referral emails read the active rewards from here. A reward's `stock` is the units
 * left, or null for no limit; approving a redemption takes one (lib/console/referrals.ts).
 */

export { POINT_VALUE_DOLLARS, POINT_WORTH } from "./point-value";

export const REWARD_CATEGORIES = ["course", "device", "accessory"] as const;
export type RewardCategory = (typeof REWARD_CATEGORIES)[number];
export const REWARD_CATEGORY_LABELS: Record<RewardCategory, string> = {
  course: "Course (off tuition)",
  device: "Device",
  accessory: "Accessory",
};

export const REWARD_LIMITS = { name: 80, description: 300, points: 1_000_000, stock: 100_000 } as const;

export type Reward = {
  id: string;
  name: string;
  description: string | null;
  category: RewardCategory;
  points: number;
  stock: number | null;
  active: boolean;
  sortOrder: number;
};

/** The rewards a fresh install starts with (prisma/seed.ts). Matched by name: an edited one is left alone. */
export const SEED_REWARDS: Omit<Reward, "id" | "active" | "sortOrder">[] = [
  { name: "$100 off tuition", description: "Taken off the tuition of any course you enrol in.", category: "course", points: 100, stock: null },
  { name: "Noise-cancelling headphones", description: "Over-ear wireless headphones for quiet study.", category: "accessory", points: 300, stock: null },
  { name: "Refurbished laptop", description: "A refurbished 14-inch laptop, ready for the course.", category: "device", points: 2000, stock: 5 },
];

function isCategory(v: string): v is RewardCategory {
  return (REWARD_CATEGORIES as readonly string[]).includes(v);
}

const REWARD_SELECT = { id: true, name: true, description: true, category: true, points: true, stock: true, active: true, sortOrder: true } as const;

function toReward(r: Prisma.RewardGetPayload<{ select: typeof REWARD_SELECT }>): Reward {
  return { ...r, category: isCategory(r.category) ? r.category : "course" };
}

/** "2,000 points". */
export function formatPoints(points: number): string {
  return `${points.toLocaleString("en-US")} point${points === 1 ? "" : "s"}`;
}

/** "In stock: 3", "Out of stock", or null when there is no limit. */
export function stockLabel(stock: number | null): string | null {
  if (stock === null) return null;
  return stock > 0 ? `${stock.toLocaleString("en-US")} left` : "Out of stock";
}

type Reader = Pick<Db, "reward"> | Prisma.TransactionClient;

/** Every reward, in catalogue order (the console). */
export async function listRewards(db: Reader): Promise<Reward[]> {
  const rows = await db.reward.findMany({ orderBy: [{ sortOrder: "asc" }, { createdAt: "asc" }], select: REWARD_SELECT });
  return rows.map(toReward);
}

/** The rewards on offer, in catalogue order (public pages and emails). Out-of-stock ones are included, marked. */
export async function activeRewards(db: Reader): Promise<Reward[]> {
  const rows = await db.reward.findMany({ where: { active: true }, orderBy: [{ sortOrder: "asc" }, { createdAt: "asc" }], select: REWARD_SELECT });
  return rows.map(toReward);
}

/** Whether someone with `confirmed` spendable points can ask for this reward now. */
export function canRedeem(reward: Reward, confirmed: number): boolean {
  return reward.active && reward.points <= confirmed && (reward.stock === null || reward.stock > 0);
}

// ---------------------------------------------------------------------------------------
// Console editing

export const REWARD_FIELDS = ["name", "description", "category", "points", "stock", "active"] as const;

export const rewardFormSchema = z.object({
  name: text("the reward's name", REWARD_LIMITS.name),
  description: z.preprocess(
    posted,
    z
      .string()
      .trim()
      .max(REWARD_LIMITS.description, `Keep the description under ${REWARD_LIMITS.description} characters.`)
      .transform((v) => v || null),
  ),
  category: choice(REWARD_CATEGORIES, "Choose a category."),
  points: wholeNumber("the price in points", 1, REWARD_LIMITS.points),
  stock: z.preprocess(
    posted,
    z
      .string()
      .trim()
      .transform((s, ctx) => {
        if (s === "") return null;
        const n = /^\d{1,9}$/.test(s) ? Number(s) : NaN;
        if (!Number.isInteger(n) || n > REWARD_LIMITS.stock) {
          ctx.addIssue({
            code: "custom",
            message: `Enter the stock as a whole number from 0 to ${REWARD_LIMITS.stock.toLocaleString("en-US")}, or leave it empty for no limit.`,
          });
          return z.NEVER;
        }
        return n;
      }),
  ),
  active: z.preprocess((v) => v === "on" || v === "true", z.boolean()),
});

export type RewardInput = z.infer<typeof rewardFormSchema>;

export type RewardEditOutcome = { ok: true; id: string } | { ok: false; fieldErrors: Record<string, string>; message?: string };

function fieldErrorsOf(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? "form");
    out[key] ??= issue.message;
  }
  return out;
}

/** Adds a reward at the end of the catalogue. */
export async function createReward(db: Db, raw: Record<string, unknown>): Promise<RewardEditOutcome> {
  const parsed = rewardFormSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
  const last = await db.reward.aggregate({ _max: { sortOrder: true } });
  const created = await db.reward.create({ data: { ...parsed.data, sortOrder: (last._max.sortOrder ?? 0) + 1 }, select: { id: true } });
  return { ok: true, id: created.id };
}

/** Changes a reward. Its price applies to requests approved from now on; requests already filed keep the reward they asked for. */
export async function updateReward(db: Db, id: string, raw: Record<string, unknown>): Promise<RewardEditOutcome> {
  const parsed = rewardFormSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
  const { count } = await db.reward.updateMany({ where: { id }, data: parsed.data });
  if (count !== 1) return { ok: false, fieldErrors: {}, message: "That reward no longer exists." };
  return { ok: true, id };
}

/** Takes a reward off the catalogue (or puts it back). Rewards are never deleted: filed requests point at them. */
export async function setRewardActive(db: Db, id: string, active: boolean): Promise<boolean> {
  const { count } = await db.reward.updateMany({ where: { id }, data: { active } });
  return count === 1;
}

/** Moves a reward one place up or down the catalogue, renumbering the whole list 1, 2, 3… */
export async function moveReward(db: Db, id: string, direction: "up" | "down"): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const list = await tx.reward.findMany({ orderBy: [{ sortOrder: "asc" }, { createdAt: "asc" }], select: { id: true } });
    const i = list.findIndex((r) => r.id === id);
    const j = direction === "up" ? i - 1 : i + 1;
    if (i < 0 || j < 0 || j >= list.length) return false;
    [list[i], list[j]] = [list[j], list[i]];
    for (const [n, r] of list.entries()) await tx.reward.update({ where: { id: r.id }, data: { sortOrder: n + 1 } });
    return true;
  });
}

/** Seeds the starting catalogue; idempotent (matched by name). */
export async function seedRewards(db: Db): Promise<{ rewards: number }> {
  let created = 0;
  for (const [i, r] of SEED_REWARDS.entries()) {
    if (await db.reward.findFirst({ where: { name: r.name }, select: { id: true } })) continue;
    await db.reward.create({ data: { ...r, active: true, sortOrder: i + 1 } });
    created++;
  }
  return { rewards: created };
}

/** Reads a raw form post into the fields the schema expects. */
export function rewardPost(formData: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of REWARD_FIELDS) out[f] = formData.get(f) ?? undefined;
  return out;
}
