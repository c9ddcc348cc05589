import { type DueSlot, taskNames } from '../domain/hygiene-plan.js';
import { hhmm } from '../domain/hygiene-time.js';
import type { Language } from '../domain/messages.js';

/** Text the attendants read in a reminder or alert. */
export function alertMessage(lang: Language, type: 'reminder' | 'overdue' | 'cleared', s: DueSlot): string {
  const task = taskNames[lang][s.task];
  const by = hhmm(s.deadlineMinutes);
  if (lang === 'en') {
    if (type === 'reminder')
      return `Reminder: ${task} of ${s.targetName} is due by ${by} today (post ${s.post}).`;
    if (type === 'overdue')
      return `Overdue: ${task} of ${s.targetName} was not recorded by ${by} (post ${s.post}).`;
    return `Done: ${task} of ${s.targetName} (due ${s.dueDate}) has now been recorded.`;
  }
  if (type === 'reminder')
    return `【${task}提醒】${s.targetName}今日${task}须在 ${by} 前完成并登记（${s.post}岗）。`;
  if (type === 'overdue')
    return `【${task}超时】${s.targetName}今日${task}未在 ${by} 前登记，请尽快完成（${s.post}岗）。`;
  return `【${task}已登记】${s.targetName}（${s.dueDate} 应完成）的${task}现已登记。`;
}

/** The evidence of an overdue fault: the deadline and the post, which the fault's own message wraps. */
export function overdueDetail(lang: Language, s: DueSlot): string {
  const by = hhmm(s.deadlineMinutes);
  return lang === 'en' ? `due by ${by} (post ${s.post})` : `应在 ${by} 前完成（${s.post}岗）`;
}
