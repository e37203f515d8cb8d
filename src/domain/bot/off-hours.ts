/**
 * The out-of-hours notice: the first message of a closed stretch of the center's calendar gets
 * one notice with the next opening; later messages of the same stretch get none.
 */
import { isOpenAt, nextOpening } from '../tickets/business-time.js';
import type { BusinessCalendar } from '../tickets/calendar.js';

export const DEFAULT_OFF_HOURS_NOTICE =
  '您好，客服中心现在下班了，我们将于 {opensAt} 上班后回复您。紧急情况请拨打 {phone}。\n' +
  'The service center is closed now; we will reply after we open at {opensAt}. For emergencies call {phone}.';

/**
 * Whether `now` needs the notice, given when the conversation last got one. Two moments are in
 * the same closed stretch exactly when they share the next opening.
 */
export function needsOffHoursNotice(now: Date, lastNoticeAt: Date | null, cal: BusinessCalendar): { opensAt: Date } | null {
  if (isOpenAt(now, cal)) return null;
  const opensAt = nextOpening(now, cal);
  if (lastNoticeAt && nextOpening(lastNoticeAt, cal).getTime() === opensAt.getTime()) return null;
  return { opensAt };
}
