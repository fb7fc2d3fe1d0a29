#Requires -Version 7.4
<#
.SYNOPSIS
    The one entry point: builds the module, its help, its packages, runs the tests and the Contoso demo.
.DESCRIPTION
    Run it as 'dotnet pwsh ./build.ps1 <Task>' after 'dotnet tool restore', so nothing but the .NET SDK is needed:
    PowerShell comes from the local tool manifest (.config/dotnet-tools.json) and Pester from NuGet.

    Build    the module in out/AcrGeo (dotnet build lays it out and stamps the manifest), its en-US help from
             docs/en-US, and the emulator installed as a .NET tool in out/emulator
    Package  Build, then out/packages/AcrGeo.<version>.nupkg (PSResourceGet) and AcrGeo.Emulator.<version>.nupkg
    Xunit    dotnet test AcrGeo.sln
    Pester   Package, then the Pester suite in tests/Pester through the built module (NUnit report in TestResults/)
    Conformance  the real Azure CLI against the emulator (tests/conformance/az-conformance.sh; Linux and macOS)
    Test     Xunit, Pester and Conformance, each run even when an earlier one failed, and one closing line
             'N passed, N failed' over all of them; the exit code is 0 only when all passed
    Demo     Build, then examples/Contoso.ps1: the source documents' story through the cmdlets, against an emulator
             the script starts and stops itself
    Reliability  Build, then the long suites of tests/Reliability: the fault matrix (every mutating cmdlet's flow with a
             fault at each of its requests) and the interruption tests (Ctrl+C, kill -9 of the emulator); writes their
             counts into docs/reliability.md. Not part of Test: it takes tens of minutes
    Bench    Build, then bench/Invoke-Benchmark.ps1: the module in pwsh side by side with the Azure CLI (15 to 20
             minutes; never part of Test), written into docs/benchmarks.md and docs/images/benchmarks.svg
.EXAMPLE
    dotnet tool restore; dotnet pwsh ./build.ps1 Demo
.EXAMPLE
    dotnet pwsh ./build.ps1 Test
.EXAMPLE
    dotnet pwsh ./build.ps1 Pester -PesterPath tests/Pester/AcrGeo.Replica.Tests.ps1
.EXAMPLE
    dotnet pwsh ./build.ps1 Reliability -Flow New-AcrReplica, Import-AcrImage
#>
[CmdletBinding()]
param(
    [Parameter(Position = 0)]
    [ValidateSet('Build', 'Package', 'Xunit', 'Pester', 'Conformance', 'Test', 'Demo', 'Reliability', 'Bench')]
    [string[]] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # Pester only: the test files or folders to run (all of tests/Pester by default).
    [string[]] $PesterPath,

    # Reliability only: the fault matrix's flows to run (all by default).
    [string[]] $Flow
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
Set-Location -LiteralPath $PSScriptRoot

$out = Join-Path $PSScriptRoot 'out'
$module = Join-Path $out 'AcrGeo'
$packages = Join-Path $out 'packages'
$emulatorToolPath = Join-Path $out 'emulator'
$built = $false
$packaged = $false

function Invoke-Native {
    # Runs a program and fails the build when it fails; its output goes to the console, never into a task's results.
    param([Parameter(Mandatory)] [string] $FilePath, [Parameter(ValueFromRemainingArguments)] [string[]] $Arguments)
    & $FilePath @Arguments | Out-Host
    if ($LASTEXITCODE -ne 0) { throw "'$FilePath $($Arguments -join ' ')' failed with exit code $LASTEXITCODE." }
}

function Get-MSBuildProperty {
    param([Parameter(Mandatory)] [string] $File, [Parameter(Mandatory)] [string] $Name)
    $value = ([xml](Get-Content -Raw -LiteralPath (Join-Path $PSScriptRoot $File))).SelectSingleNode("/Project/PropertyGroup/$Name")
    if (-not $value) { throw "$File has no property $Name." }
    $value.InnerText
}

# The one place the version is written.
function Get-ProjectVersion { Get-MSBuildProperty -File 'Directory.Build.props' -Name 'Version' }

function Invoke-Build {
    Write-Host "== Build ($Configuration)"
    Invoke-Native dotnet build src/AcrGeo -c $Configuration --nologo --verbosity quiet
    $null = & (Join-Path $PSScriptRoot 'tools/Build-Help.ps1') -MarkdownPath (Join-Path $PSScriptRoot 'docs/en-US') -OutputPath (Join-Path $module 'en-US')
    $null = & (Join-Path $PSScriptRoot 'tools/Install-Emulator.ps1') -Configuration $Configuration -PackageOutput $packages -ToolPath $emulatorToolPath

    foreach ($required in 'AcrGeo.psd1', 'AcrGeo.dll', 'AcrGeo.format.ps1xml', 'LICENSE', 'en-US/AcrGeo.dll-Help.xml',
                          'en-US/about_AcrGeo.help.txt', 'dependencies/AcrGeo.Engine.dll', 'dependencies/AcrGeo.LoadContext.dll',
                          'dependencies/Azure.Core.dll') {
        if (-not (Test-Path -LiteralPath (Join-Path $module $required))) { throw "The module layout is missing $required." }
    }
    if (Test-Path -LiteralPath (Join-Path $module 'System.Management.Automation.dll')) {
        throw 'System.Management.Automation.dll must not ship with the module: PowerShell brings its own.'
    }
    $manifest = Test-ModuleManifest -Path (Join-Path $module 'AcrGeo.psd1')
    if ($manifest.Version -ne [version](Get-ProjectVersion)) {
        throw "The built manifest says $($manifest.Version); Directory.Build.props says $(Get-ProjectVersion)."
    }
    Write-Host "Built AcrGeo $($manifest.Version) in $module; emulator tool in $emulatorToolPath"
}

function Invoke-Package {
    # PSResourceGet packs and publishes in one step; a repository registered for this call only is the target.
    Write-Host '== Package'
    $version = Get-ProjectVersion
    $null = New-Item -ItemType Directory -Force -Path $packages
    Remove-Item -LiteralPath (Join-Path $packages "AcrGeo.$version.nupkg") -ErrorAction SilentlyContinue
    $repository = 'AcrGeoBuild-' + [guid]::NewGuid().ToString('N')
    Register-PSResourceRepository -Name $repository -Uri $packages -Trusted
    try {
        Publish-PSResource -Path $module -Repository $repository
    }
    finally {
        Unregister-PSResourceRepository -Name $repository
    }
    Get-ChildItem -LiteralPath $packages -Filter '*.nupkg' | ForEach-Object { Write-Host "Package: $($_.FullName)" }
}

function Get-PesterModulePath {
    # Pester comes from NuGet (no PowerShell Gallery here): a PackageDownload restore puts it in the package cache.
    $pesterVersion = Get-MSBuildProperty -File 'Directory.Packages.props' -Name 'PesterVersion'
    Invoke-Native dotnet restore tools/pester/Pester.proj --nologo --verbosity quiet
    $cache = (& dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', ''
    $path = Join-Path $cache.Trim() "pester/$pesterVersion/tools/Pester.psd1"
    if (-not (Test-Path -LiteralPath $path)) { throw "Pester $pesterVersion was restored but '$path' is missing." }
    $path
}

# Each suite returns its counts, so Test can add them up whatever happened in the others.
function Invoke-Xunit {
    Write-Host '== xunit (dotnet test AcrGeo.sln)'
    $passed = 0; $failed = 0
    & dotnet test AcrGeo.sln -c $Configuration --nologo 2>&1 | ForEach-Object {
        $line = "$_"
        Write-Host $line
        if ($line -match '(?:Passed|Failed)!\s+-\s+Failed:\s+(\d+),\s+Passed:\s+(\d+)') {
            $failed += [int]$Matches[1]; $passed += [int]$Matches[2]
        }
    }
    # A build failure or a crashed test host prints no summary line: it still counts as a failure.
    if ($LASTEXITCODE -ne 0 -and $failed -eq 0) { $failed = 1 }
    [pscustomobject]@{ Suite = 'xunit'; Passed = $passed; Failed = $failed }
}

function Invoke-PesterSuite {
    Write-Host '== Pester (tests/Pester, through the built module)'
    $pester = Get-PesterModulePath
    $runner = Join-Path $PSScriptRoot 'tests/Pester/Invoke-Pester.ps1'
    $arguments = @('-NoProfile', '-NonInteractive', '-File', $runner, '-PesterModulePath', $pester)
    # From a shell (dotnet pwsh ./build.ps1 Pester -PesterPath a,b) the list arrives as one comma-separated string.
    # -File hands the runner strings, not arrays: the files go as one comma-separated list.
    if ($PesterPath) { $arguments += @('-Path', (($PesterPath -split ',' | ForEach-Object { (Resolve-Path -LiteralPath $_.Trim()).Path }) -join ',')) }
    # A process of its own: the suite imports the module and starts emulators; none of that stays in this session.
    Invoke-CountedSuite -Suite 'Pester' -Command (Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')) -Arguments $arguments
}

function Invoke-CountedSuite {
    # Runs a suite's process with the emulator the build installed (never one found elsewhere on PATH), shows its output
    # and reads its closing 'N passed, N failed' line; a failed exit with no failure counted counts as one.
    param([string] $Suite, [string] $Command, [string[]] $Arguments)
    $env:ACRGEO_EMULATOR_PATH = Get-EmulatorExecutable
    $passed = 0; $failed = 0
    & $Command @Arguments 2>&1 | ForEach-Object {
        $line = "$_"
        Write-Host $line
        if ($line -match '^(\d+) passed, (\d+) failed$') { $passed = [int]$Matches[1]; $failed = [int]$Matches[2] }
    }
    if ($LASTEXITCODE -ne 0 -and $failed -eq 0) { $failed = 1 }
    [pscustomobject]@{ Suite = $Suite; Passed = $passed; Failed = $failed }
}

function Invoke-Reliability {
    Write-Host '== Reliability (tests/Reliability: fault matrix and interruption, through the built module)'
    $arguments = @('-NoProfile', '-NonInteractive', '-File', (Join-Path $PSScriptRoot 'tests/Reliability/Invoke-Reliability.ps1'),
        '-PesterModulePath', (Get-PesterModulePath))
    if ($Flow) { $arguments += @('-Flow') + $Flow }
    Invoke-CountedSuite -Suite 'Reliability' -Command (Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')) -Arguments $arguments
}

function Get-EmulatorExecutable {
    $name = $IsWindows ? 'acrgeo-emulator.exe' : 'acrgeo-emulator'
    Join-Path $emulatorToolPath $name
}

function Invoke-Conformance {
    Write-Host '== Azure CLI conformance (tests/conformance/az-conformance.sh)'
    if ($IsWindows) { throw 'The Azure CLI conformance script needs bash; run it on Linux or macOS.' }
    Invoke-CountedSuite -Suite 'Azure CLI conformance' -Command 'bash' -Arguments @((Join-Path $PSScriptRoot 'tests/conformance/az-conformance.sh'))
}

function Invoke-Demo {
    Write-Host '== Demo (examples/Contoso.ps1)'
    $env:ACRGEO_EMULATOR_PATH = Get-EmulatorExecutable
    & (Join-Path $PSScriptRoot 'examples/Contoso.ps1') -ModulePath (Join-Path $module 'AcrGeo.psd1')
}

function Initialize-Build {
    # Each of Build and Package runs at most once, whichever tasks ask for it.
    param([switch] $Package)
    if (-not $script:built) { Invoke-Build; $script:built = $true }
    if ($Package -and -not $script:packaged) { Invoke-Package; $script:packaged = $true }
}

$results = [System.Collections.Generic.List[object]]::new()
foreach ($step in $Task) {
    switch ($step) {
        'Build' { Initialize-Build }
        'Package' { Initialize-Build -Package }
        'Xunit' { $results.Add((Invoke-Xunit)) }
        'Pester' { Initialize-Build -Package; $results.Add((Invoke-PesterSuite)) }
        'Conformance' { $results.Add((Invoke-Conformance)) }
        'Test' {
            $watch = [Diagnostics.Stopwatch]::StartNew()
            foreach ($suite in 'Xunit', 'Pester', 'Conformance') {
                $suiteWatch = [Diagnostics.Stopwatch]::StartNew()
                $result = switch ($suite) {
                    'Xunit' { Invoke-Xunit }
                    'Pester' { Initialize-Build -Package; Invoke-PesterSuite }
                    'Conformance' { Invoke-Conformance }
                }
                $result | Add-Member -NotePropertyName Seconds -NotePropertyValue ([math]::Round($suiteWatch.Elapsed.TotalSeconds))
                $results.Add($result)
            }
            Write-Host ("== Suites ({0:n0} s in all)" -f $watch.Elapsed.TotalSeconds)
            $results | ForEach-Object { Write-Host ('{0,-22} {1,5} passed {2,4} failed {3,6} s' -f $_.Suite, $_.Passed, $_.Failed, $_.Seconds) }
        }
        'Demo' { Initialize-Build; Invoke-Demo }
        'Reliability' { Initialize-Build; $results.Add((Invoke-Reliability)) }
        'Bench' {
            Initialize-Build
            Write-Host '== Benchmark (bench/Invoke-Benchmark.ps1)'
            $env:ACRGEO_EMULATOR_PATH = Get-EmulatorExecutable
            & (Join-Path $PSScriptRoot 'bench/Invoke-Benchmark.ps1')
        }
    }
}

if ($results.Count -gt 0) {
    $passed = ($results | Measure-Object -Property Passed -Sum).Sum
    $failed = ($results | Measure-Object -Property Failed -Sum).Sum
    # The closing line CI reads.
    Write-Host "$passed passed, $failed failed"
    if ($failed -gt 0) { exit 1 }
}
