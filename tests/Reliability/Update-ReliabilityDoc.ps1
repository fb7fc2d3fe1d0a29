#Requires -Version 7.4
<#
.SYNOPSIS
    Writes the generated sections of docs/reliability.md: the bad-input corpus (from tests/Pester/BadInput.psd1), the fault
    matrix's counts (from Invoke-FaultMatrix.ps1's results) and the interruption tests' results.
.DESCRIPTION
    Each section lives between '<!-- name:begin -->' and '<!-- name:end -->' markers and is replaced whole; the prose
    around them is left as it is. A section whose input file is missing is left as it was.
#>
[CmdletBinding()]
param(
    [string] $DocumentPath = (Join-Path $PSScriptRoot '../../docs/reliability.md'),
    [string] $CorpusPath = (Join-Path $PSScriptRoot '../Pester/BadInput.psd1'),
    # The matrix's results: every file given (fault-matrix*.json in out/reliability by default). A flow found in several
    # is taken from the newest file that ran it, so one flow can be run again (build.ps1 Reliability -Flow) after a fix.
    [string[]] $MatrixPath = @(Get-ChildItem -Path (Join-Path $PSScriptRoot '../../out/reliability') -Filter 'fault-matrix*.json' -File -ErrorAction SilentlyContinue |
        Sort-Object LastWriteTimeUtc | ForEach-Object FullName),
    [string] $InterruptionPath = (Join-Path $PSScriptRoot '../../out/reliability/interruption.json')
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

function Set-Section([string] $Text, [string] $Name, [string[]] $Lines) {
    $begin = "<!-- ${Name}:begin -->"
    $end = "<!-- ${Name}:end -->"
    $start = $Text.IndexOf($begin)
    $stop = $Text.IndexOf($end)
    if ($start -lt 0 -or $stop -lt $start) { throw "$DocumentPath has no $begin ... $end section." }
    $Text.Substring(0, $start + $begin.Length) + "`n" + ($Lines -join "`n") + "`n" + $Text.Substring($stop)
}

function Format-Cell([string] $Value) { $Value -replace '\|', '\|' -replace '`', '\`' -replace '<', '\<' -replace '\r?\n', ' ' }

$document = Get-Content -Raw -LiteralPath $DocumentPath

$cases = (Import-PowerShellDataFile -LiteralPath $CorpusPath).Cases
$lines = @(
    "$($cases.Count) cases across $(@($cases.Cmdlet | Sort-Object -Unique).Count) cmdlets, each run by tests/Pester/AcrGeo.BadInput.Tests.ps1.",
    '',
    '| Cmdlet | Case | Error id |',
    '|---|---|---|'
)
$lines += foreach ($case in $cases | Sort-Object Cmdlet, ErrorId, Case) {
    "| $($case.Cmdlet) | $(Format-Cell $case.Case) | $($case.ErrorId) |"
}
$lines += '', '| Error id | Cases |', '|---|---|'
$lines += foreach ($group in $cases | Group-Object ErrorId | Sort-Object Name) { "| $($group.Name) | $($group.Count) |" }
$document = Set-Section $document 'corpus' $lines

$matrices = @($MatrixPath | Where-Object { $_ -and (Test-Path -LiteralPath $_) } | ForEach-Object { Get-Content -Raw -LiteralPath $_ | ConvertFrom-Json } |
    Sort-Object { [datetime]$_.Date })
if ($matrices) {
    $newest = @{}
    foreach ($matrix in $matrices) { foreach ($flow in @($matrix.Runs.Flow | Sort-Object -Unique)) { $newest[$flow] = $matrix } }
    $used = @($matrices | Where-Object { $newest.Values -contains $_ })
    $runs = @($used | ForEach-Object { $matrix = $_; @($matrix.Runs) | Where-Object { $newest[$_.Flow] -eq $matrix } })
    $dates = @($used.Date | Sort-Object)
    $lines = @(
        # In parentheses: PowerShell's comma binds tighter than +, which would join the lines below into this one.
        ("Run $(if ($dates.Count -gt 1) { "from $($dates[0]) to $($dates[-1])" } else { "on $($dates[0])" }) in " +
            "$([math]::Round(($used.Minutes | Measure-Object -Sum).Sum, 1)) minutes of matrix processes " +
            '(tests/Reliability/Invoke-FaultMatrix.ps1, by build.ps1 Reliability; each flow from the newest run of it).'),
        '',
        '| Flow | Distinct requests | Runs | Transient: succeeded | Persistent: success or specific error | Clean outcomes | Converging re-runs | Fault not reached |',
        '|---|---|---|---|---|---|---|---|'
    )
    $lines += foreach ($flow in $runs | Group-Object Flow) {
        $all = @($flow.Group)
        $transient = @($all | Where-Object Mode -eq 'transient')
        $persistent = @($all | Where-Object Mode -eq 'persistent')
        '| {0} | {1} | {2} | {3} of {4} | {5} of {6} | {7} of {2} | {8} of {2} | {9} |' -f $flow.Name, @($all.Index | Sort-Object -Unique).Count, $all.Count,
            @($transient | Where-Object { $_.Clean -and $_.Outcome -eq 'success' }).Count, $transient.Count,
            @($persistent | Where-Object Clean).Count, $persistent.Count, @($all | Where-Object Clean).Count, @($all | Where-Object Converged).Count,
            @($all | Where-Object { -not $_.Fired }).Count
    }
    $lines += '| **All** | {0} | {1} | {2} of {3} | {4} of {5} | {6} of {1} | {7} of {1} | {8} |' -f
        @($runs | ForEach-Object { "$($_.Flow)#$($_.Index)" } | Sort-Object -Unique).Count, $runs.Count,
        @($runs | Where-Object { $_.Mode -eq 'transient' -and $_.Clean -and $_.Outcome -eq 'success' }).Count, @($runs | Where-Object Mode -eq 'transient').Count,
        @($runs | Where-Object { $_.Mode -eq 'persistent' -and $_.Clean }).Count, @($runs | Where-Object Mode -eq 'persistent').Count,
        @($runs | Where-Object Clean).Count, @($runs | Where-Object Converged).Count, @($runs | Where-Object { -not $_.Fired }).Count
    $lines += '', '| Fault | Runs | Clean | Converging re-runs |', '|---|---|---|---|'
    $lines += foreach ($fault in $runs | Group-Object Fault) {
        '| {0} | {1} | {2} | {3} |' -f $fault.Name, $fault.Count, @($fault.Group | Where-Object Clean).Count, @($fault.Group | Where-Object Converged).Count
    }
    $lines += '', 'How persistent faults ended, by error id:', '', '| Outcome | Runs |', '|---|---|'
    $lines += foreach ($outcome in $runs | Where-Object Mode -eq 'persistent' | Group-Object Outcome | Sort-Object Count -Descending) { "| $($outcome.Name) | $($outcome.Count) |" }
    $failed = @($runs | Where-Object { -not $_.Clean -or -not $_.Converged })
    if ($failed) {
        $lines += '', 'Runs that were not clean or did not converge:', ''
        $lines += foreach ($run in $failed) { "- $($run.Flow) #$($run.Index) $($run.Fault) $($run.Mode): $(Format-Cell ((@($run.Problems) + @($run.RerunProblems)) -join '; '))" }
    }
    $document = Set-Section $document 'matrix' $lines
}

if (Test-Path -LiteralPath $InterruptionPath) {
    $interruption = Get-Content -Raw -LiteralPath $InterruptionPath | ConvertFrom-Json
    $lines = @("Run on $($interruption.Date) (tests/Reliability/AcrGeo.Interruption.Tests.ps1, by build.ps1 Reliability).", '', '| Test | Result | Seconds |', '|---|---|---|')
    $lines += foreach ($test in $interruption.Tests) { '| {0} | {1} | {2} |' -f (Format-Cell $test.Name), $test.Result, $test.Seconds }
    $document = Set-Section $document 'interruption' $lines
}

Set-Content -LiteralPath $DocumentPath -Value $document.TrimEnd() -NoNewline
Add-Content -LiteralPath $DocumentPath -Value ''
