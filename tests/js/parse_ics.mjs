// Parses iCalendar files with Mozilla's ical.js (the parser Thunderbird uses) and prints what it read
// as JSON, so the Python tests can compare it with the stories and with Python's zoneinfo.
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

const result = {};
for (const path of process.argv.slice(2)) {
  const calendar = new ICAL.Component(ICAL.parse(readFileSync(path, "utf8")));
  const events = calendar.getAllSubcomponents("vevent").map((component) => {
    const event = new ICAL.Event(component);
    const when = (time) => ({
      isDate: time.isDate,
      value: time.isDate ? time.toString() : time.toJSDate().toISOString(),
    });
    return {
      uid: event.uid,
      summary: event.summary,
      description: event.description,
      start: when(event.startDate),
      end: when(event.endDate),
      status: component.getFirstPropertyValue("status"),
      sequence: event.sequence,
      url: component.getFirstPropertyValue("url"),
      categories: component.getAllProperties("categories").flatMap((p) => p.getValues()),
    };
  });
  result[path] = {
    name: calendar.getFirstPropertyValue("x-wr-calname"),
    refresh: String(calendar.getFirstPropertyValue("refresh-interval")),
    events,
  };
}
process.stdout.write(JSON.stringify(result));
