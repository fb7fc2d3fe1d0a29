#Requires -Version 7.4
<#
.SYNOPSIS
    Writes the results of Invoke-Benchmark.ps1 into docs/benchmarks.md (between its generated-results markers; the text
    around them is kept) and draws docs/images/benchmarks.svg: wall time of AcrGeo and the Azure CLI side by side.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [object[]] $Results,
    [Parameter(Mandatory)] [System.Collections.IDictionary] $Loads,
    [System.Collections.IDictionary] $Breakdown,
    [Parameter(Mandatory)] [string] $Output,
    [Parameter(Mandatory)] [string] $Chart,
    [double] $ProvisioningDelaySeconds,
    [double] $Seconds
)
$ErrorActionPreference = 'Stop'
# Missing rows and values are expected (a side skipped, a case not run): they print as a dash.
Set-StrictMode -Off
$invariant = [Globalization.CultureInfo]::InvariantCulture
function Format-Number([object] $Value, [string] $Format = 'n2') { if ($null -eq $Value -or "$Value" -eq '') { '–' } else { ([double]$Value).ToString($Format, $invariant) } }
function Format-Ratio([object] $Ours, [object] $Theirs) {
    # Three significant digits: a ratio of 0.004 says as much as one of 4.
    if ($null -eq $Ours -or $null -eq $Theirs -or [double]$Theirs -eq 0) { '–' } else { ([double]$Ours / [double]$Theirs).ToString('G3', $invariant) }
}
function Requests($Row) { if ($Row.Requests) { $Row.Requests.Total } else { $null } }
function Pick([string] $Scenario, [string] $Client, [string] $Case) {
    $Results | Where-Object { $_.Scenario -eq $Scenario -and $_.Client -eq $Client -and ([string]::IsNullOrEmpty($Case) -or $_.Case -eq $Case) } | Select-Object -First 1
}

# Pairs compared side by side: AcrGeo's row and the Azure CLI's row for the same work.
$pairs = [Collections.Generic.List[object]]::new()
$cold = Pick 'Cold start' 'AcrGeo' 'process (pwsh start, import, connect, first list)'
$pairs.Add(@{ Label = 'Cold start (whole process)'; Ours = $cold; Theirs = (Pick 'Cold start' 'Azure CLI' $null) })
$pairs.Add(@{ Label = 'Warm list'; Ours = (Pick 'Warm list' 'AcrGeo' $null); Theirs = (Pick 'Warm list' 'Azure CLI' $null) })
foreach ($row in $Results | Where-Object { $_.Scenario -eq 'Fan-out' -and $_.Client -eq 'AcrGeo' }) {
    $pairs.Add(@{ Label = "Fan-out N = $($row.Case)"; Ours = $row; Theirs = (Pick 'Fan-out' 'Azure CLI' $row.Case) })
}
foreach ($row in $Results | Where-Object { $_.Scenario -eq 'Inventory' -and $_.Client -eq 'AcrGeo' }) {
    $pairs.Add(@{ Label = "Inventory $($row.Case.Split(',')[0])"; Ours = $row; Theirs = (Pick 'Inventory' 'Azure CLI' $row.Case); Best = (Pick 'Inventory' 'Azure CLI + Resource Graph' $row.Case) })
}
$pairs.Add(@{ Label = 'Pipeline'; Ours = (Pick 'Pipeline' 'AcrGeo' ($Results | Where-Object { $_.Scenario -eq 'Pipeline' -and $_.Client -eq 'AcrGeo' } | Select-Object -Last 1).Case); Theirs = (Pick 'Pipeline' 'Azure CLI' $null) })
$pairs.Add(@{ Label = 'Contoso flow'; Ours = (Pick 'Contoso flow' 'AcrGeo' $null); Theirs = (Pick 'Contoso flow' 'Azure CLI' $null) })

$lines = [Collections.Generic.List[string]]::new()
$lines.Add("## Results: AcrGeo in pwsh against the Azure CLI (T = $ProvisioningDelaySeconds s)")
$lines.Add('')
$lines.Add("- Machine: $([Environment]::ProcessorCount) cores ($((Get-Content /proc/cpuinfo | Where-Object { $_ -like 'model name*' } | Select-Object -First 1) -replace '^model name\s*:\s*', '')); $(((Get-Content /etc/os-release | Where-Object { $_ -like 'PRETTY_NAME=*' }) -replace 'PRETTY_NAME=|"', ''))")
$lines.Add("- PowerShell $($PSVersionTable.PSVersion) on .NET $([Environment]::Version); Azure CLI $(if (Pick 'Cold start' 'Azure CLI' $null) { (& az version -o tsv 2>$null).Split("`t")[0] } else { 'skipped' })")
$lines.Add("- Date: $((Get-Date).ToUniversalTime().ToString('yyyy-MM-dd HH:mm', $invariant)) UTC; the whole run took $(Format-Number $Seconds 'n0') s")
$lines.Add("- Load average (1, 5, 15 min) when each part began: " + (($Loads.Keys | ForEach-Object { "$_ $($Loads[$_])" }) -join '; '))
$lines.Add("- Emulator: acrgeo-emulator on 127.0.0.1, provisioning delay T = $ProvisioningDelaySeconds s, Retry-After 1 s, ARM throttling on (Azure's budgets); AcrGeo connects with -PollIntervalSeconds 1; every client is a process of its own under /usr/bin/time -v")
$lines.Add('')
$lines.Add('### Side by side (ratios are AcrGeo / Azure CLI: below 1 is AcrGeo ahead)')
$lines.Add('')
$lines.Add('| Work | AcrGeo (s) | Azure CLI (s) | time ratio | AcrGeo requests | az requests | request ratio | AcrGeo peak MiB | az peak MiB | memory ratio |')
$lines.Add('|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|')
foreach ($pair in $pairs | Where-Object { $_.Ours }) {
    $o = $pair.Ours; $t = $pair.Theirs
    $lines.Add("| $($pair.Label) | $(Format-Number $o.Median 'n3') | $(if ($t) { Format-Number $t.Median 'n3' } else { '–' }) | $(Format-Ratio $o.Median $t.Median) | $(Requests $o) | $(if ($t) { Requests $t } else { '–' }) | $(Format-Ratio (Requests $o) (Requests $t)) | $(Format-Number $o.MaxRssMiB 'n0') | $(if ($t -and $t.MaxRssMiB) { Format-Number $t.MaxRssMiB 'n0' } else { '–' }) | $(Format-Ratio $o.MaxRssMiB $t.MaxRssMiB) |")
    if ($pair.Best) {
        $b = $pair.Best
        $lines.Add("| $($pair.Label), az through Resource Graph | $(Format-Number $o.Median) | $(Format-Number $b.Median) | $(Format-Ratio $o.Median $b.Median) | $(Requests $o) | $(Requests $b) | $(Format-Ratio (Requests $o) (Requests $b)) | $(Format-Number $o.MaxRssMiB 'n0') | $(Format-Number $b.MaxRssMiB 'n0') | $(Format-Ratio $o.MaxRssMiB $b.MaxRssMiB) |")
    }
}
$lines.Add('')
$lines.Add('Peak memory is the largest resident set of the process (the Azure CLI: of its largest process, one per command).')
$lines.Add('')
$lines.Add('### Every measurement')
$lines.Add('')
$lines.Add('| Scenario | Client | Case | median (s) | fastest (s) | runs | requests | tokens | 429s | peak MiB | note |')
$lines.Add('|---|---|---|--:|--:|--:|--:|--:|--:|--:|---|')
foreach ($row in $Results) {
    $lines.Add("| $($row.Scenario) | $($row.Client) | $($row.Case) | $(Format-Number $row.Median 'n3') | $(Format-Number $row.Fastest 'n3') | $($row.Runs) | $(Requests $row) | $(if ($row.Requests) { $row.Requests.Tokens }) | $(if ($row.Requests) { $row.Requests.Throttled }) | $(Format-Number $row.MaxRssMiB 'n0') | $($row.Note) |")
}
if ($Breakdown) {
    $lines.Add('')
    $lines.Add('### Cold start inside pwsh (milliseconds, median of the runs)')
    $lines.Add('')
    $lines.Add('| Import-Module | Connect-AcrGeo | first Get-AcrReplica | total | fastest import | fastest total |')
    $lines.Add('|--:|--:|--:|--:|--:|--:|')
    $lines.Add("| $(Format-Number $Breakdown.import 'n0') | $(Format-Number $Breakdown.connect 'n0') | $(Format-Number $Breakdown.list 'n0') | $(Format-Number $Breakdown.total 'n0') | $(Format-Number $Breakdown.importFastest 'n0') | $(Format-Number $Breakdown.totalFastest 'n0') |")
}
$fan = @($Results | Where-Object { $_.Scenario -eq 'Fan-out' -and $_.Client -eq 'AcrGeo' })
if ($fan.Count -gt 1) {
    $lines.Add('')
    $lines.Add("Fan-out: all regions / one region = **$(Format-Ratio $fan[-1].Median $fan[0].Median)** (goal: at most 1.2).")
}
$section = ($lines -join "`n")

# The chart: per work, AcrGeo's and the Azure CLI's wall time as bars on a logarithmic scale.
$rows = @($pairs | Where-Object { $_.Ours -and $_.Theirs })
$width = 900; $left = 230; $barHeight = 13; $rowHeight = 40; $top = 50
$height = $top + $rows.Count * $rowHeight + 40
$max = [math]::Log10((@($rows | ForEach-Object { $_.Ours.Median; $_.Theirs.Median }) | Measure-Object -Maximum).Maximum * 1.5)
$min = [math]::Log10(0.01)
function X([double] $Seconds) { $left + ($width - $left - 90) * ([math]::Log10([math]::Max($Seconds, 0.01)) - $min) / ($max - $min) }
$svg = [Collections.Generic.List[string]]::new()
$svg.Add("<svg xmlns=`"http://www.w3.org/2000/svg`" width=`"$width`" height=`"$height`" font-family=`"sans-serif`" font-size=`"12`">")
$svg.Add("<rect width=`"$width`" height=`"$height`" fill=`"white`"/>")
$svg.Add("<text x=`"10`" y=`"20`" font-size=`"15`" font-weight=`"bold`">Wall time, AcrGeo (pwsh) and the Azure CLI against the emulator, seconds (log scale)</text>")
$svg.Add("<rect x=`"$left`" y=`"28`" width=`"12`" height=`"10`" fill=`"#2b6cb0`"/><text x=`"$($left + 16)`" y=`"37`">AcrGeo</text>")
$svg.Add("<rect x=`"$($left + 80)`" y=`"28`" width=`"12`" height=`"10`" fill=`"#dd6b20`"/><text x=`"$($left + 96)`" y=`"37`">Azure CLI</text>")
foreach ($tick in 0.01, 0.1, 1, 10, 100, 1000) {
    if ([math]::Log10($tick) -gt $max) { continue }
    $x = [math]::Round((X $tick), 1)
    $svg.Add("<line x1=`"$x`" y1=`"$($top - 6)`" x2=`"$x`" y2=`"$($height - 30)`" stroke=`"#ddd`"/><text x=`"$x`" y=`"$($height - 15)`" text-anchor=`"middle`" fill=`"#555`">$tick</text>")
}
for ($i = 0; $i -lt $rows.Count; $i++) {
    $y = $top + $i * $rowHeight
    $row = $rows[$i]
    $svg.Add("<text x=`"$($left - 8)`" y=`"$($y + 17)`" text-anchor=`"end`">$([Security.SecurityElement]::Escape($row.Label))</text>")
    foreach ($bar in @(@{ Value = $row.Ours.Median; Color = '#2b6cb0'; Offset = 0 }, @{ Value = $row.Theirs.Median; Color = '#dd6b20'; Offset = $barHeight + 2 })) {
        $end = [math]::Round((X $bar.Value), 1)
        $svg.Add("<rect x=`"$left`" y=`"$($y + $bar.Offset)`" width=`"$([math]::Max(1, $end - $left))`" height=`"$barHeight`" fill=`"$($bar.Color)`"/>")
        $svg.Add("<text x=`"$($end + 4)`" y=`"$($y + $bar.Offset + 11)`" fill=`"#333`">$(Format-Number $bar.Value)</text>")
    }
}
$svg.Add('</svg>')
$null = New-Item -ItemType Directory -Force -Path (Split-Path -Parent $Chart)
Set-Content -LiteralPath $Chart -Value ($svg -join "`n") -Encoding utf8

# Into the report, between its markers; a report without them gets them appended.
$begin = '<!-- bench:results:begin -->'
$end = '<!-- bench:results:end -->'
$text = if (Test-Path -LiteralPath $Output) { Get-Content -Raw -LiteralPath $Output } else { "# Benchmarks`n" }
$block = "$begin`n$section`n$end"
$text = if ($text.Contains($begin) -and $text.Contains($end)) {
    $text.Substring(0, $text.IndexOf($begin)) + $block + $text.Substring($text.IndexOf($end) + $end.Length)
}
else { $text.TrimEnd() + "`n`n$block`n" }
Set-Content -LiteralPath $Output -Value $text -NoNewline -Encoding utf8
$section
