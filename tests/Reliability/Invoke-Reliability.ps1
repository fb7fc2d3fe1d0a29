#Requires -Version 7.4
<#
.SYNOPSIS
    The long reliability suites: the fault matrix and the interruption tests, through the built module; then the
    generated sections of docs/reliability.md.
.DESCRIPTION
    Run by 'build.ps1 Reliability' after the build. Each suite runs in a PowerShell process of its own (each imports the
    module and starts emulators). The last line is 'N passed, N failed' over both: the matrix counts a run as passed when
    it was clean and its re-run converged; the interruption tests count as Pester counts them.
#>
[CmdletBinding()]
param(
    # Pester 5's manifest (build.ps1 restores it from NuGet).
    [Parameter(Mandatory)] [string] $PesterModulePath,
    # Only the fault matrix's flows named here; all by default.
    [string[]] $Flow
)
$ErrorActionPreference = 'Stop'
$root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
$results = Join-Path $root 'out/reliability'
$null = New-Item -ItemType Directory -Force -Path $results
$pwsh = Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')

Write-Host '== Fault matrix (tests/Reliability/Invoke-FaultMatrix.ps1)'
# A file per run: Update-ReliabilityDoc.ps1 takes each flow from the newest file that ran it, so a run of some flows
# (-Flow) updates those and keeps the others.
$matrixFile = Join-Path $results ('fault-matrix-{0:yyyyMMdd-HHmmss}.json' -f (Get-Date).ToUniversalTime())
$matrixArguments = @('-NoProfile', '-NonInteractive', '-File', (Join-Path $PSScriptRoot 'Invoke-FaultMatrix.ps1'), '-OutputPath', $matrixFile)
if ($Flow) { $matrixArguments += @('-Flow', ($Flow -join ',')) }
& $pwsh @matrixArguments
$matrixExit = $LASTEXITCODE
$runs = if (Test-Path $matrixFile) { @((Get-Content -Raw $matrixFile | ConvertFrom-Json).Runs) } else { @() }
$matrixPassed = @($runs | Where-Object { $_.Clean -and $_.Converged }).Count
$matrixFailed = $runs.Count - $matrixPassed + ($matrixExit -ne 0 -and $runs.Count -eq $matrixPassed ? 1 : 0)

Write-Host '== Interruption (tests/Reliability/AcrGeo.Interruption.Tests.ps1)'
$interruption = Join-Path $results 'interruption.json'
$script = @"
Import-Module '$PesterModulePath' -Force
`$configuration = New-PesterConfiguration
`$configuration.Run.Path = '$(Join-Path $PSScriptRoot 'AcrGeo.Interruption.Tests.ps1')'
`$configuration.Run.PassThru = `$true
`$configuration.Output.Verbosity = 'Detailed'
`$result = Invoke-Pester -Configuration `$configuration
[pscustomobject]@{
    Date  = (Get-Date).ToUniversalTime().ToString('u')
    Tests = @(`$result.Tests | ForEach-Object { [pscustomobject]@{ Name = `$_.ExpandedName; Result = "`$(`$_.Result)"; Seconds = [math]::Round(`$_.Duration.TotalSeconds, 1) } })
} | ConvertTo-Json -Depth 4 | Set-Content -LiteralPath '$interruption'
'{0} passed, {1} failed' -f `$result.PassedCount, (`$result.FailedCount + `$result.FailedBlocksCount + `$result.FailedContainersCount)
"@
$interruptionPassed = 0; $interruptionFailed = 0
& $pwsh -NoProfile -NonInteractive -Command $script 2>&1 | ForEach-Object {
    $line = "$_"
    Write-Host $line
    if ($line -match '^(\d+) passed, (\d+) failed$') { $interruptionPassed = [int]$Matches[1]; $interruptionFailed = [int]$Matches[2] }
}
if ($LASTEXITCODE -ne 0 -and $interruptionFailed -eq 0 -and $interruptionPassed -eq 0) { $interruptionFailed = 1 }

& (Join-Path $PSScriptRoot 'Update-ReliabilityDoc.ps1')
Write-Host "docs/reliability.md: the corpus, fault matrix and interruption sections written"
Write-Host ('{0} passed, {1} failed' -f ($matrixPassed + $interruptionPassed), ($matrixFailed + $interruptionFailed))
if ($matrixFailed + $interruptionFailed -gt 0) { exit 1 }
