// The Arabic of scheduler.ts: loaded only when a reader chooses Arabic.
import type { schedulerEn } from './scheduler';

export const schedulerAr: Record<keyof typeof schedulerEn, string> = {
  preferences: 'التفضيلات',
  windowFrom: 'ليس قبل (الساعة)',
  windowTo: 'ليس بعد (الساعة)',
  minDaysBetween: 'الأيام بين الجلسات (على الأقل)',
  maxSessionsPerWeek: 'الجلسات في الأسبوع (على الأكثر)',
  keepWeeklySlot: 'الاحتفاظ باليوم والساعة نفسيهما كل أسبوع',
  previewSchedule: 'معاينة الجدول',
  previewing: 'جارٍ التخطيط…',
  previewHeading: 'الجدول المقترح (لم يُحجز شيء بعد)',
  plannedSessions:
    '{count, plural, zero {لا جلسات مخططة} one {جلسة واحدة مخططة} two {جلستان مخططتان} few {# جلسات مخططة} many {# جلسة مخططة} other {# جلسة مخططة}}',
  whyThisSlot: 'سبب اختيار الموعد',
  reason_EARLIEST_FREE: 'أقرب وقت متاح يوافق التفضيلات',
  reason_WEEKLY_SLOT: 'اليوم والساعة نفسهما كما في الأسبوع الأول',
  reason_WEEKLY_SLOT_TAKEN: 'الموعد الأسبوعي المعتاد محجوز: أقرب وقت متاح',
  confirmSchedule:
    '{count, plural, zero {لا شيء للحجز} one {احجز هذه الجلسة} two {احجز هاتين الجلستين} few {احجز هذه الجلسات الـ#} many {احجز هذه الجلسات الـ#} other {احجز هذه الجلسات الـ#}}',
  alternativesFor: 'يمكن حجز الجلسة {n} بدلًا من ذلك:',
  note_OTHER_PROVIDER: 'مع معالج آخر',
  note_OTHER_DAY_OR_TIME: 'في يوم أو وقت آخر',
  note_LATER_END_DATE: 'بعد تاريخ الانتهاء المختار',
  suggestionLine: '{kind}: {date} الساعة {time}، {provider}',
  bookThis: 'احجز',
  suggestionBooked: 'تم الحجز',
  planChanged: 'تغيّر التقويم منذ المعاينة: حُجزت الجلسة أو الجلسات {sessions} في وقت مختلف.',
};
