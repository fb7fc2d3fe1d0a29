#!/usr/bin/env python3
"""Generates module/AcrGeo.dll-Help.xml: parameter facts from the built AcrGeo.dll's metadata (meta.json), words from help.py."""
import json, sys
from xml.sax.saxutils import escape

sys.path.insert(0, __import__('os').path.dirname(__import__('os').path.abspath(__file__)))
from help import HELP, COMMON_PARAMS  # noqa

meta = json.load(open(sys.argv[1]))
manifest_cmdlets = sys.argv[3].split(',')
out = sys.argv[2]

SHORT = {
    'System.String': 'String', 'System.String[]': 'String[]', 'System.Double': 'Double', 'System.Int32': 'Int32',
    'System.Collections.Hashtable': 'Hashtable', 'System.Uri': 'Uri', 'System.Nullable`1[System.Boolean]': 'Boolean',
    'System.Management.Automation.PSCredential': 'PSCredential', 'AcrGeo.Models.RegionState[]': 'RegionState[]',
    'AcrGeo.Models.AcrReplica[]': 'AcrReplica[]', 'AcrGeo.Models.AcrWebhook[]': 'AcrWebhook[]',
    'System.Nullable`1[System.TimeSpan]': 'TimeSpan', 'System.DateTime': 'DateTime', 'System.Nullable`1[System.Double]': 'Double',
    'System.Management.Automation.SwitchParameter': 'SwitchParameter',
    'System.Int32[]': 'Int32[]', 'AcrGeo.Models.AcrContainerInstance[]': 'AcrContainerInstance[]',
}
ENUMS = {'AcrGeo.Models.RegionState[]': ['Home', 'Replica', 'Available', 'Unavailable']}
SWITCH = 'System.Management.Automation.SwitchParameter'


def paras(text, indent):
    pad = ' ' * indent
    return '\n'.join(f'{pad}<maml:para>{escape(p.strip())}</maml:para>' for p in text.strip().split('\n\n'))


def desc(text, indent):
    pad = ' ' * indent
    return f'{pad}<maml:description>\n{paras(text, indent + 2)}\n{pad}</maml:description>'


def pipeline(p, sets=None):
    chosen = [s for s in p['Sets'] if sets is None or s['Set'] in sets]
    by_value = any(s['ByValue'] == 'True' for s in chosen)
    by_name = any(s['ByPropertyName'] == 'True' for s in chosen)
    if by_value and by_name: return 'True (ByPropertyName, ByValue)'
    if by_value: return 'True (ByValue)'
    if by_name: return 'True (ByPropertyName)'
    return 'False'


def validate_set(p):
    for o in p['Other']:
        if o.startswith('ValidateSetAttribute('):
            return o[len('ValidateSetAttribute('):-1].split('|')
    return ENUMS.get(p['Type'])


def param_xml(cmd, p, setinfo, in_syntax, indent):
    pad = ' ' * indent
    h = HELP[cmd]['parameters'][p['Name']]
    required = setinfo['Mandatory'] == 'True'
    position = setinfo['Position']
    globbing = 'true' if 'SupportsWildcardsAttribute()' in p['Other'] else 'false'
    aliases = ', '.join(p['Aliases']) or 'none'
    lines = [f'{pad}<command:parameter required="{str(required).lower()}" variableLength="true" globbing="{globbing}" '
             f'pipelineInput="{pipeline(p, None if not in_syntax else [setinfo["Set"]])}" position="{position}" aliases="{aliases}">',
             f'{pad}  <maml:name>{p["Name"]}</maml:name>']
    lines.append(desc(h['description'], indent + 2))
    is_switch = p['Type'] == SWITCH
    values = validate_set(p)
    if in_syntax and values:
        lines.append(f'{pad}  <command:parameterValueGroup>')
        for v in values:
            lines.append(f'{pad}    <command:parameterValue required="false" command:variableLength="false">{v}</command:parameterValue>')
        lines.append(f'{pad}  </command:parameterValueGroup>')
    if not (in_syntax and is_switch):
        lines.append(f'{pad}  <command:parameterValue required="{"false" if is_switch else "true"}" variableLength="false">{SHORT[p["Type"]]}</command:parameterValue>')
    lines.append(f'{pad}  <dev:type>\n{pad}    <maml:name>{escape(p["Type"])}</maml:name>\n{pad}    <maml:uri />\n{pad}  </dev:type>')
    lines.append(f'{pad}  <dev:defaultValue>{escape(h.get("default", "False" if is_switch else "None"))}</dev:defaultValue>')
    lines.append(f'{pad}</command:parameter>')
    return '\n'.join(lines)


def common_xml(name, in_syntax, indent):
    pad = ' ' * indent
    lines = [f'{pad}<command:parameter required="false" variableLength="true" globbing="false" pipelineInput="False" position="named" aliases="{"wi" if name == "WhatIf" else "cf"}">',
             f'{pad}  <maml:name>{name}</maml:name>', desc(COMMON_PARAMS[name], indent + 2)]
    if not in_syntax:
        lines.append(f'{pad}  <command:parameterValue required="false" variableLength="false">SwitchParameter</command:parameterValue>')
    lines.append(f'{pad}  <dev:type>\n{pad}    <maml:name>{SWITCH}</maml:name>\n{pad}    <maml:uri />\n{pad}  </dev:type>')
    lines.append(f'{pad}  <dev:defaultValue>False</dev:defaultValue>')
    lines.append(f'{pad}</command:parameter>')
    return '\n'.join(lines)


def sets_of(c):
    names = []
    for p in c['Parameters']:
        for s in p['Sets']:
            if s['Set'] != '__AllParameterSets' and s['Set'] not in names:
                names.append(s['Set'])
    if not names: return ['__AllParameterSets']
    default = c['DefaultSet']
    if default in names:
        names.remove(default)
        names.insert(0, default)
    return names


def params_in_set(c, set_name):
    chosen = []
    for p in c['Parameters']:
        for s in p['Sets']:
            if s['Set'] in (set_name, '__AllParameterSets'):
                chosen.append((p, s))
                break
    positional = sorted([x for x in chosen if x[1]['Position'] != 'named'], key=lambda x: int(x[1]['Position']))
    mandatory = [x for x in chosen if x[1]['Position'] == 'named' and x[1]['Mandatory'] == 'True']
    optional = [x for x in chosen if x[1]['Position'] == 'named' and x[1]['Mandatory'] != 'True']
    return positional + mandatory + optional


def merged_setinfo(p):
    """One entry for the parameters section: required only when required in every set it is in."""
    s0 = dict(p['Sets'][0])
    s0['Mandatory'] = 'True' if all(s['Mandatory'] == 'True' for s in p['Sets']) else 'False'
    return s0


def type_block(kind, types, indent):
    pad = ' ' * indent
    tag = 'inputType' if kind == 'input' else 'returnValue'
    lines = [f'{pad}<command:{tag}s>']
    for name, text in types:
        lines += [f'{pad}  <command:{tag}>', f'{pad}    <dev:type>', f'{pad}      <maml:name>{escape(name)}</maml:name>',
                  f'{pad}    </dev:type>', desc(text, indent + 4), f'{pad}  </command:{tag}>']
    lines.append(f'{pad}</command:{tag}s>')
    return '\n'.join(lines)


by_name = {f'{c["Verb"]}-{c["Noun"]}': c for c in meta}
problems = []
for name in manifest_cmdlets:
    if name not in by_name: problems.append(f'{name}: in the manifest but not in AcrGeo.dll')
    elif name not in HELP: problems.append(f'{name}: no help written')
    else:
        declared = {p['Name'] for p in by_name[name]['Parameters']}
        written = set(HELP[name]['parameters'])
        if declared != written: problems.append(f'{name}: parameters {sorted(declared)} but help for {sorted(written)}')
        if len(HELP[name]['examples']) < 2: problems.append(f'{name}: fewer than two examples')
if problems:
    sys.exit('\n'.join(problems))

parts = ['<?xml version="1.0" encoding="utf-8"?>',
         '<helpItems schema="maml" xmlns="http://msh">']
for name in manifest_cmdlets:
    c, h = by_name[name], HELP[name]
    should_process = c['ShouldProcess'] == 'True'
    x = ['  <command:command xmlns:maml="http://schemas.microsoft.com/maml/2004/10" '
         'xmlns:command="http://schemas.microsoft.com/maml/dev/command/2004/10" '
         'xmlns:dev="http://schemas.microsoft.com/maml/dev/2004/10" xmlns:MSHelp="http://msdn.microsoft.com/mshelp">',
         '    <command:details>', f'      <command:name>{name}</command:name>', f'      <command:verb>{c["Verb"]}</command:verb>',
         f'      <command:noun>{c["Noun"]}</command:noun>', desc(h['synopsis'], 6), '    </command:details>',
         desc(h['description'], 4), '    <command:syntax>']
    for set_name in sets_of(c):
        x.append('      <command:syntaxItem>')
        x.append(f'        <maml:name>{name}</maml:name>')
        for p, s in params_in_set(c, set_name):
            x.append(param_xml(name, p, s, True, 8))
        if should_process:
            x.append(common_xml('WhatIf', True, 8))
            x.append(common_xml('Confirm', True, 8))
        x.append('      </command:syntaxItem>')
    x.append('    </command:syntax>')
    if c['Parameters'] or should_process:
        x.append('    <command:parameters>')
        for p in c['Parameters']:
            x.append(param_xml(name, p, merged_setinfo(p), False, 6))
        if should_process:
            x.append(common_xml('WhatIf', False, 6))
            x.append(common_xml('Confirm', False, 6))
        x.append('    </command:parameters>')
    else:
        x.append('    <command:parameters />')
    x.append(type_block('input', h['inputs'], 4))
    x.append(type_block('output', h['outputs'], 4))
    x.append('    <maml:alertSet>\n      <maml:alert>')
    x.append(paras(h['notes'], 8))
    x.append('      </maml:alert>\n    </maml:alertSet>')
    x.append('    <command:examples>')
    for i, (title, code, remarks) in enumerate(h['examples'], 1):
        x += ['      <command:example>',
              f'        <maml:title>-------------------------- Example {i}: {escape(title)} --------------------------</maml:title>',
              f'        <dev:code>{escape(code.strip())}</dev:code>',
              '        <dev:remarks>', paras(remarks, 10), '        </dev:remarks>', '      </command:example>']
    x.append('    </command:examples>')
    x.append('    <command:relatedLinks>')
    for link in h['links']:
        x += ['      <maml:navigationLink>', f'        <maml:linkText>{escape(link)}</maml:linkText>', '        <maml:uri></maml:uri>',
              '      </maml:navigationLink>']
    x.append('    </command:relatedLinks>')
    x.append('  </command:command>')
    parts.append('\n'.join(x))
parts.append('</helpItems>\n')
open(out, 'w', encoding='utf-8', newline='\n').write('\n'.join(parts))
print(f'wrote {len(manifest_cmdlets)} commands to {out}')
