import { html, type SafeHtml, urlPart } from '../html.js';
import type { Strings } from '../i18n.js';
import { csrfField, type FormState, fieldError, input, select } from './parts.js';

export interface HygieneTarget {
  readonly id: string;
  readonly name: string;
  readonly tasks: readonly string[];
}

export interface HygieneFormView {
  readonly targets: readonly HygieneTarget[];
  readonly csrf: string;
  readonly maxBytes: number;
  readonly form: FormState;
}

const allTasks = ['clean', 'disinfect'] as const;

/**
 * Only the tasks the chosen target has are offered, and the disinfectant field only for disinfection:
 * both by CSS `:has()` on the form's own controls (no script needed); static/app.js also moves the
 * choice to a task the new target has. The server checks again and says which tasks the target has.
 */
export function hygieneStyle(targets: readonly HygieneTarget[]): string {
  const rules = targets.flatMap((t) =>
    allTasks
      .filter((task) => !t.tasks.includes(task))
      .map(
        (task) => `#hygiene-form:has(#target option[value="${t.id}"]:checked) .task-${task}{display:none}`,
      ),
  );
  return `${rules.join('\n')}\n#hygiene-form:has(input[name=task][value=clean]:checked) .agent-field{display:none}`;
}

export function hygieneBody(v: HygieneFormView, s: Strings): SafeHtml {
  const f = v.form;
  const chosen = f.values.target ?? v.targets[0]?.id;
  const target = v.targets.find((t) => t.id === chosen) ?? v.targets[0];
  const task =
    f.values.task && target?.tasks.includes(f.values.task) ? f.values.task : (target?.tasks[0] ?? 'clean');
  const taskErr = f.errors.task;
  return html`<section><form id="hygiene-form" method="post" action="/hygiene/record" enctype="multipart/form-data" data-one-tap>
${csrfField(v.csrf)}
${select(
  { id: 'target', name: 'target', label: s.target, required: true, extra: html` data-tasks-from` },
  v.targets.map((t) => [t.id, t.name] as const),
  { values: { target: target?.id ?? '' }, errors: f.errors },
  s,
)}
<fieldset id="task"${taskErr ? html` aria-describedby="task-err"` : ''}><legend>${s.task}</legend>${fieldError('task', taskErr)}${allTasks.map(
    (t) =>
      html`<label class="choice task-${t}" for="task-${t}"><input type="radio" id="task-${t}" name="task" value="${t}"${
        t === task ? html` checked` : ''
      } required data-task>${s.tasks[t] ?? t}</label>`,
  )}</fieldset>
<div class="task-data" data-targets="${v.targets.map((t) => `${t.id}:${t.tasks.join('+')}`).join(' ')}" hidden></div>
${input({ id: 'method', name: 'method', label: s.method, hint: s.methodHint, maxlength: 200 }, f, s)}
<div class="agent-field">${input({ id: 'agent', name: 'agent', label: s.agent, hint: s.agentHint, maxlength: 200 }, f, s)}</div>
${input({ id: 'note', name: 'note', label: s.note, maxlength: 2000 }, f, s)}
${input(
  {
    id: 'photo',
    name: 'photo',
    label: s.photo,
    type: 'file',
    extra: html` accept="image/jpeg,image/png" capture="environment" data-max-bytes="${v.maxBytes}"`,
  },
  { values: {}, errors: f.errors },
  s,
)}
<button type="submit">${s.submitRecord}</button></form></section>`;
}

export interface HygieneDoneView {
  readonly targetId: string;
  readonly targetName: string;
  readonly task: string;
  readonly recordedAt: string;
  /** on-time | late | none (nothing due today), with the deadline `HH:MM`. */
  readonly timeliness: { readonly status: 'on-time' | 'late' | 'none'; readonly by: string };
  readonly backdated: boolean;
  readonly photo: boolean;
}

export function hygieneDoneBody(v: HygieneDoneView, s: Strings): SafeHtml {
  const when =
    v.timeliness.status === 'on-time'
      ? s.doneOnTime(v.timeliness.by)
      : v.timeliness.status === 'late'
        ? s.doneLate(v.timeliness.by)
        : s.doneNoDeadline;
  return html`<section role="status"><p class="big"><strong>${s.doneWhat(v.targetName, s.tasks[v.task] ?? v.task)}</strong></p>
<ul class="plain"><li>${s.doneAt(v.recordedAt)}</li><li>${when}</li>${v.backdated ? html`<li>${s.doneBackdated}</li>` : ''}<li>${
    v.photo ? s.photoSaved : s.noPhoto
  }</li></ul></section>
<p><a class="button" href="/hygiene/record?target=${urlPart(v.targetId)}">${s.recordAnother}</a> <a class="button secondary" href="/">${s.backToStatus}</a></p>`;
}
