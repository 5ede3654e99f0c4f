"""Breaks a repository made by bench/gen_corpus.py so that `check` finds many problems between
records, several of them at one place (an issue closed with neither resolution nor
confirmation, major and due before it was raised; a visit listing unknown issues and issues of
other projects; a plan naming unknown projects and projects of other departments). Used by
FindingOrderTests. Deterministic; needs only the Python standard library.

    break_corpus.py REPO
"""
import os
import re
import sys

root = sys.argv[1]
issues, visits, projects = [], [], []
for d, _, files in sorted(os.walk(root)):
    for f in sorted(files):
        p = os.path.join(d, f)
        if '/issues/' in p:
            issues.append(p)
        elif '/visits/' in p:
            visits.append(p)
        elif f == 'project.yaml':
            projects.append(p)


def read(p):
    with open(p, encoding='utf-8') as f:
        return f.read()


def write(p, s):
    with open(p, 'w', encoding='utf-8') as f:
        f.write(s)


def sub(key, value, s):
    return re.sub(r'^%s: .*' % key, '%s: %s' % (key, value), s, flags=re.M)


def drop(keys, s):
    return re.sub(r'^(%s):.*\n' % '|'.join(keys), '', s, flags=re.M)


for n, p in enumerate(issues):
    s = read(p)
    k = n % 9
    if k == 0:  # closed with neither resolved nor confirmed, major, due before raised
        write(p, drop(['resolved', 'confirmed'], sub('due', '2020-01-01', sub('severity', 'major', sub('status', 'closed', s)))))
    elif k == 1:  # open with its resolution still there, unknown department, unknown visit
        s = sub('status', 'open', sub('department', 'nowhere', s))
        write(p, s + ('' if 'resolved:' in s else 'resolved: {date: 2019-01-01, summary: x}\n') + 'visit: v-ffffffff\n')
    elif k == 2:  # resolved before raised, confirmed before resolved
        s = re.sub(r'^resolved: \{date: [0-9-]+', 'resolved: {date: 2020-06-01', s, flags=re.M)
        write(p, re.sub(r'^confirmed: \{date: [0-9-]+', 'confirmed: {date: 2020-05-01', s, flags=re.M))
    elif k == 3:  # an open issue with the same title as another of the project
        s = drop(['resolved', 'confirmed'], sub('status', 'open', s))
        write(p, s)
        write(os.path.join(os.path.dirname(p), 'i-0000%04x.yaml' % n), sub('id', 'i-0000%04x' % n, s))

for n, p in enumerate(visits):
    s = read(p)
    k = n % 7
    if k == 0:  # logged twice
        vid = 'v-0000%04x' % n
        write(os.path.join(os.path.dirname(p), os.path.basename(p)[:11] + vid + '.yaml'), sub('id', vid, s))
    elif k == 1:  # an unknown event; unknown issues and issues of other projects
        project = os.path.dirname(os.path.dirname(p))
        other = [os.path.basename(i)[:-5] for i in issues if not i.startswith(project + '/')][n % 5:n % 5 + 2]
        ids = ['i-ffff%04x' % n, 'i-eeee%04x' % n] + other
        write(p, s + 'event: no-such-event\nissues: [%s]\n' % ', '.join(ids))
    elif k == 2:  # before the project's acceptance
        write(p, sub('date', '2019-01-0%d' % (1 + n % 9), s))

departments = {}
for n, p in enumerate(projects):
    s = read(p)
    if n % 5 == 0:
        s = sub('department', 'gone%d' % n, s)
        write(p, s)
    departments[os.path.basename(os.path.dirname(p))] = re.search(r'^department: (.*)', s, flags=re.M).group(1)

# Plans: unknown projects, and a department's plan holding projects of other departments.
os.makedirs(os.path.join(root, 'plans'), exist_ok=True)
others = [p for p, d in sorted(departments.items()) if d != 'east'][:6]
items = ['nope-%d' % i for i in (3, 1, 2)] + others[:2]
write(os.path.join(root, 'plans', '2026.yaml'),
      'year: 2026\nvisits:\n' + ''.join('  - {project: %s, due: 2026-0%d-10, kind: periodic}\n' % (p, 1 + i) for i, p in enumerate(items)))
write(os.path.join(root, 'plans', '2026-east.yaml'),
      'year: 2026\nvisits:\n' + ''.join('  - {project: %s, due: 2026-0%d-10, kind: periodic}\n' % (p, 1 + i) for i, p in enumerate(reversed(others + ['nope-9']))))
