/** MQTT topic-filter matching (`+` one level, `#` the rest), as the broker does it. */
export function matchesFilter(filter: string, topic: string): boolean {
  const f = filter.split('/');
  const t = topic.split('/');
  for (let i = 0; i < f.length; i++) {
    const level = f[i];
    if (level === '#') return true;
    if (i >= t.length) return false;
    if (level !== '+' && level !== t[i]) return false;
  }
  return f.length === t.length;
}

/** A topic zoneops publishes to or builds filters from must not hold wildcards or be empty. */
export function isPlainTopic(topic: string): boolean {
  return (
    topic.length > 0 &&
    topic.length <= 512 &&
    !topic.includes('+') &&
    !topic.includes('#') &&
    !topic.includes(String.fromCharCode(0))
  );
}

export function fillTemplate(template: string, topic: string): string {
  return template.replaceAll('{topic}', topic);
}
