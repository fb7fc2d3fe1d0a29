#!/usr/bin/env bash
# Regenerates module/AcrGeo.dll-Help.xml: the parameter facts (types, sets, positions, pipeline input, aliases) come
# from the built AcrGeo.dll's metadata, the words from help.py. Run after changing a cmdlet or its help text; the
# module tests (xunit and Pester) fail when help and cmdlets drift apart.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dotnet build "$root/src/AcrGeo" -c Release -v quiet -nologo >/dev/null
sma=$(find "${NUGET_PACKAGES:-$HOME/.nuget/packages}/powershellstandard.library/5.1.0-preview-06" -name System.Management.Automation.dll -path '*netstandard2.0*' | head -1)
dotnet run --project "$root/tools/help/DumpCmdletMetadata" -c Release -- "$root/out/AcrGeo" "$sma" > "$work/meta.json"
cmdlets=$(python3 -c "import re,sys; t=open(sys.argv[1]).read(); b=re.search(r'CmdletsToExport\s*=\s*@\((.*?)\)', t, re.S).group(1); print(','.join(re.findall(r\"'([^']+)'\", b)))" "$root/AcrGeo.psd1")
python3 "$root/tools/help/gen.py" "$work/meta.json" "$root/module/AcrGeo.dll-Help.xml" "$cmdlets"
python3 -c 'import sys, xml.dom.minidom; xml.dom.minidom.parse(sys.argv[1])' "$root/module/AcrGeo.dll-Help.xml"
echo "Wrote module/AcrGeo.dll-Help.xml"
