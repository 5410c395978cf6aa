"use client";

import { useActionState } from "react";
import { REWARD_CATEGORIES, REWARD_CATEGORY_LABELS, REWARD_LIMITS } from "@/lib/referrals/catalogue";
import { createRewardAction, saveRewardAction } from "./actions";
import { IDLE } from "../../programs/form-state";
import { boundField, Checkbox, ConsoleForm, errorFor, Select, SubmitButton, TextArea, TextInput } from "../../programs/form-ui";

/** Adds or edits a catalogue reward: a plain form post, so it works without JavaScript. */
export function RewardEditor({ rewardId, saved }: { rewardId?: string; saved: Record<string, string> }) {
  const [state, action, pending] = useActionState(rewardId ? saveRewardAction : createRewardAction, IDLE);
  const field = (name: string) => boundField(state, `reward-${name}`, name, saved[name]);
  const active = state.status === "error" ? state.values.active === "on" : saved.active === "on";
  return (
    <ConsoleForm action={action} state={state} hidden={rewardId ? { rewardId } : {}} noValidate className="mt-4 max-w-2xl space-y-5">
      <TextInput {...field("name")} label="Name" hint="As the public sees it, e.g. “$100 off tuition”." maxLength={REWARD_LIMITS.name} />
      <TextArea {...field("description")} label="Description" optional rows={3} maxLength={REWARD_LIMITS.description} />
      <Select {...field("category")} label="Category" options={REWARD_CATEGORIES.map((c) => ({ value: c, label: REWARD_CATEGORY_LABELS[c] }))} />
      <div className="grid gap-5 md:grid-cols-2">
        <TextInput {...field("points")} label="Price in points" type="number" inputMode="numeric" min={1} />
        <TextInput
          {...field("stock")}
          label="Stock"
          optional
          type="number"
          inputMode="numeric"
          min={0}
          hint="Units left. Leave empty for no limit. Each approved request takes one."
        />
      </div>
      <Checkbox
        id="reward-active"
        name="active"
        label="On offer"
        hint="Unticked, the reward leaves /refer and the redemption form; requests already filed can still be decided."
        defaultChecked={active}
        error={errorFor(state, "active")}
      />
      <SubmitButton pending={pending}>{pending ? "Saving…" : rewardId ? "Save reward" : "Add reward"}</SubmitButton>
    </ConsoleForm>
  );
}
