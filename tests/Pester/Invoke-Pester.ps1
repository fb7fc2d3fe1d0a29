#Requires -Version 7.0
<#
.SYNOPSIS
    Builds the module, packs and installs the emulator tool, then runs the Pester 5 suites in tests/Pester.
.DESCRIPTION
    The suites import the built module from out/AcrGeo and start the emulator with Start-AcrGeoEmulator, which runs
    the .NET tool that tools/Install-Emulator.ps1 packs and installs into out/emulator (ACRGEO_EMULATOR_PATH points
    there for the run), so what is tested is what users install. Both steps are incremental, so quick when nothing
    changed. Output is Detailed; the exit code is 0 only when every test passed, and the last line is
    'N passed, M failed' for CI. An NUnit XML report goes to TestResults/.
.EXAMPLE
    pwsh -NoProfile -NonInteractive -File tests/Pester/Invoke-Pester.ps1
.EXAMPLE
    ./tests/Pester/Invoke-Pester.ps1 -Path tests/Pester/AcrGeo.Replica.Tests.ps1 -NoBuild
#>
[CmdletBinding()]
param(
    # Test files or folders; all of tests/Pester by default.
    [string[]] $Path = @($PSScriptRoot),
    # Use the existing out/AcrGeo and the emulator tool already installed in out/emulator.
    [switch] $NoBuild
)
$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot 'Common.ps1')
$root = Get-AcrGeoRepositoryRoot

$emulatorToolPath = Join-Path $root 'out/emulator'
if (-not $NoBuild) {
    $dotnet = Get-DotnetPath
    Write-Host 'dotnet build src/AcrGeo -c Release'
    & $dotnet build (Join-Path $root 'src/AcrGeo') -c Release --nologo -v quiet
    if ($LASTEXITCODE -ne 0) {
        Write-Host "FAIL: dotnet build src/AcrGeo failed ($LASTEXITCODE)."
        exit 1
    }
    Write-Host 'tools/Install-Emulator.ps1 -Configuration Release -PackageOutput out/packages -ToolPath out/emulator'
    try {
        $emulatorPath = & (Join-Path $root 'tools/Install-Emulator.ps1') -Configuration Release -PackageOutput out/packages -ToolPath $emulatorToolPath
    }
    catch {
        Write-Host "FAIL: installing the emulator tool failed: $_"
        exit 1
    }
}
else {
    $emulatorPath = Join-Path $emulatorToolPath ('acrgeo-emulator' + $(if ($IsWindows) { '.exe' } else { '' }))
    if (-not (Test-Path -LiteralPath $emulatorPath)) {
        Write-Host "FAIL: -NoBuild, but the emulator tool is not installed ($emulatorPath); run tools/Install-Emulator.ps1 first."
        exit 1
    }
}
# Start-AcrGeoEmulator finds the emulator here first, as a user's would on PATH or in ~/.dotnet/tools.
$env:ACRGEO_EMULATOR_PATH = $emulatorPath
$null = Get-AcrGeoModulePath

$pester = Get-Module -ListAvailable -Name Pester | Where-Object { $_.Version.Major -eq 5 } |
    Sort-Object -Property Version -Descending | Select-Object -First 1
if (-not $pester) {
    Write-Host 'FAIL: Pester 5 is not installed. Install it with: Install-Module Pester -MinimumVersion 5.0 -Scope CurrentUser'
    exit 1
}
Import-Module -Name $pester.Path -Force

$configuration = New-PesterConfiguration
$configuration.Run.Path = $Path
$configuration.Run.PassThru = $true
$configuration.Output.Verbosity = 'Detailed'
$configuration.TestResult.Enabled = $true
$configuration.TestResult.OutputFormat = 'NUnitXml'
$configuration.TestResult.OutputPath = Join-Path $root 'TestResults/Pester.xml'
$null = New-Item -ItemType Directory -Force -Path (Join-Path $root 'TestResults')

$result = Invoke-Pester -Configuration $configuration

# Failed setup blocks and test files that did not load are failures too, even when no It failed.
$failed = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
Write-Host ('{0} passed, {1} failed' -f $result.PassedCount, $failed)
if ($failed -gt 0 -or $result.Result -ne 'Passed') { exit 1 }
exit 0
