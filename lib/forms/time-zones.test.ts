import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { packTimeZones, unpackTimeZones } from "./time-zones";

describe("the packed time zone list", () => {
  it("unpacks to the options the form shows: the zone as value, its name and offset as label", () => {
    expect(
      unpackTimeZones(
        packTimeZones([
          { zone: "America/Argentina/Buenos_Aires", offset: "UTC−3" },
          { zone: "UTC", offset: "UTC+0" },
        ]),
      ),
    ).toEqual([
      { value: "America/Argentina/Buenos_Aires", label: "America/Argentina/Buenos Aires (UTC−3)" },
      { value: "UTC", label: "UTC (UTC+0)" },
    ]);
    expect(unpackTimeZones(packTimeZones([]))).toEqual([]);
  });

  it("gives back every zone the runtime knows, in order", () => {
    const zones = Intl.supportedValuesOf("timeZone");
    fc.assert(
      fc.property(fc.subarray(zones), fc.constantFrom("UTC+0", "UTC−3", "UTC+5:30", "UTC+14"), (picked, offset) => {
        expect(unpackTimeZones(packTimeZones(picked.map((zone) => ({ zone, offset })))).map((o) => o.value)).toEqual(picked);
      }),
    );
  });
});
