#Requires -Version 7.4
<#
.SYNOPSIS
    Runs the Pester suites in tests/Pester against the built module and the installed emulator tool.
.DESCRIPTION
    build.ps1 builds what the suites test (out/AcrGeo, out/packages, the emulator tool in out/emulator), restores
    Pester from NuGet and calls this script in a process of its own: run 'dotnet pwsh ./build.ps1 Pester'.

    Each test file sets up what it needs (its own emulator, its own resources), so the files run side by side, each
    in a pwsh process of its own, at most -ThrottleLimit at once: most of a file's time is spent waiting for the
    emulator's provisioning and sync delays, not on the processor. Each file's Detailed output is printed in one
    piece when it ends, and its NUnit XML report goes to TestResults/Pester/<file>.xml. The last line is
    'N passed, M failed', and the exit code is 0 only when every test passed and nothing was skipped.
.EXAMPLE
    dotnet pwsh ./build.ps1 Pester -PesterPath tests/Pester/AcrGeo.Replica.Tests.ps1
#>
[CmdletBinding()]
param(
    # The Pester 5 module (its Pester.psd1), as build.ps1 restored it from NuGet.
    [Parameter(Mandatory)]
    [string] $PesterModulePath,
    # Test files or folders (or one comma-separated list of them); all of tests/Pester by default.
    [string[]] $Path = @($PSScriptRoot),
    # How many test files run at once.
    [ValidateRange(1, 16)]
    [int] $ThrottleLimit = [Math]::Max(2, [Environment]::ProcessorCount)
)
$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot 'Common.ps1')
$root = Get-AcrGeoRepositoryRoot
$null = Get-AcrGeoModulePath
if (-not $env:ACRGEO_EMULATOR_PATH -or -not (Test-Path -LiteralPath $env:ACRGEO_EMULATOR_PATH)) {
    Write-Host "FAIL: ACRGEO_EMULATOR_PATH does not name the installed emulator tool; run the suites with: dotnet pwsh ./build.ps1 Pester"
    exit 1
}
$reports = Join-Path $root 'TestResults/Pester'
$null = New-Item -ItemType Directory -Force -Path $reports

# From 'pwsh -File' a list arrives as one comma-separated string.
$files = @(foreach ($item in $Path -split ',') {
        if (Test-Path -LiteralPath $item -PathType Container) { Get-ChildItem -LiteralPath $item -Filter '*.Tests.ps1' -File }
        else { Get-Item -LiteralPath $item }
    }) | Sort-Object -Property FullName -Unique

if ($files.Count -eq 1) {
    # One file: run it here. Failed setup blocks and files that did not load are failures too, even when no It
    # failed; a skipped test is a check that did not run, so it fails the suite as well.
    Import-Module -Name $PesterModulePath -Force
    $configuration = New-PesterConfiguration
    $configuration.Run.Path = $files[0].FullName
    $configuration.Run.PassThru = $true
    $configuration.Output.Verbosity = 'Detailed'
    $configuration.TestResult.Enabled = $true
    $configuration.TestResult.OutputFormat = 'NUnitXml'
    $configuration.TestResult.OutputPath = Join-Path $reports ($files[0].BaseName + '.xml')
    $result = Invoke-Pester -Configuration $configuration
    $failed = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount + $result.SkippedCount
    Write-Host ('{0} passed, {1} failed' -f $result.PassedCount, $failed)
    exit ($failed -gt 0 -or $result.Result -ne 'Passed' ? 1 : 0)
}

$pwsh = Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')
$watch = [Diagnostics.Stopwatch]::StartNew()
$runs = $files | ForEach-Object -ThrottleLimit $ThrottleLimit -Parallel {
    # A temporary folder of its own for each file's process, so that what one file checks there (nothing left
    # behind) is not confused by another file running beside it.
    $temporary = Join-Path ([IO.Path]::GetTempPath()) ('acrgeo-pester-' + [guid]::NewGuid().ToString('N'))
    $null = New-Item -ItemType Directory -Path $temporary
    $start = [Diagnostics.ProcessStartInfo]::new($using:pwsh)
    foreach ($argument in '-NoProfile', '-NonInteractive', '-File', $using:PSCommandPath, '-PesterModulePath', $using:PesterModulePath,
        '-Path', $_.FullName) { $start.ArgumentList.Add($argument) }
    foreach ($variable in 'TMPDIR', 'TMP', 'TEMP') { $start.Environment[$variable] = $temporary }
    $start.RedirectStandardOutput = $true
    $start.RedirectStandardError = $true
    $started = [Diagnostics.Stopwatch]::StartNew()
    $process = [Diagnostics.Process]::Start($start)
    $errors = $process.StandardError.ReadToEndAsync()
    $output = $process.StandardOutput.ReadToEnd()
    $process.WaitForExit()
    Remove-Item -LiteralPath $temporary -Recurse -Force -ErrorAction SilentlyContinue
    [pscustomobject]@{
        File     = $_.Name
        ExitCode = $process.ExitCode
        Output   = @(($output + $errors.Result) -split '\r?\n' | Where-Object { $_ })
        Seconds  = $started.Elapsed.TotalSeconds
    }
}

$passed = 0; $failed = 0
foreach ($run in $runs) {
    $run.Output | ForEach-Object { Write-Host $_ }
    $summary = $run.Output | Where-Object { $_ -match '^(\d+) passed, (\d+) failed$' } | Select-Object -Last 1
    $counted = $false
    if ($summary -match '^(\d+) passed, (\d+) failed$') {
        $passed += [int]$Matches[1]; $failed += [int]$Matches[2]
        $counted = [int]$Matches[2] -gt 0
    }
    # A file whose process failed with no failure counted (it crashed, or did not parse) is a failure too.
    if ($run.ExitCode -ne 0 -and -not $counted) { $failed++ }
}
Write-Host ('== Pester files ({0:n0} s in all, {1} at once)' -f $watch.Elapsed.TotalSeconds, $ThrottleLimit)
$runs | Sort-Object -Property Seconds -Descending | ForEach-Object {
    Write-Host ('{0,-40} {1,5:n0} s  exit {2}' -f $_.File, $_.Seconds, $_.ExitCode)
}
Write-Host ('{0} passed, {1} failed' -f $passed, $failed)
exit ($failed -gt 0 ? 1 : 0)
