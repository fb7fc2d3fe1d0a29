#Requires -Version 7.0
<#
.SYNOPSIS
    Packs the emulator as the .NET tool AcrGeo.Emulator and installs it into a tool folder; writes the path of the
    installed acrgeo-emulator command.
.DESCRIPTION
    What a module user does with 'dotnet tool install', done from this checkout's own package, so the tests run the
    emulator exactly as users get it. Paths are relative to the repository root.

    It installs again only when the package's version or its tool files changed since the last install into that
    folder (a marker file there records both), so running it on every build costs one incremental pack. The install
    reads the package from -PackageOutput alone (a NuGet.Config of its own), never from a remote feed.
.EXAMPLE
    $emulator = ./tools/Install-Emulator.ps1
    $env:ACRGEO_EMULATOR_PATH = $emulator      # Start-AcrGeoEmulator finds it there
.EXAMPLE
    ./tools/Install-Emulator.ps1 -Configuration Release -PackageOutput out/packages -ToolPath out/emulator
#>
[CmdletBinding()]
[OutputType([string])]
param(
    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',
    # Where the .nupkg goes (the folder to give 'dotnet tool install --add-source').
    [string] $PackageOutput = 'out/packages',
    # The tool folder ('dotnet tool install --tool-path'); acrgeo-emulator lands in it.
    [string] $ToolPath = 'out/emulator'
)
$ErrorActionPreference = 'Stop'
$root = Split-Path -Parent $PSScriptRoot
$project = Join-Path $root 'src/AcrGeo.Emulator/AcrGeo.Emulator.csproj'
$PackageOutput = [IO.Path]::GetFullPath($PackageOutput, $root)
$ToolPath = [IO.Path]::GetFullPath($ToolPath, $root)
$packageId = 'AcrGeo.Emulator'
$command = 'acrgeo-emulator' + $(if ($IsWindows) { '.exe' } else { '' })
$marker = Join-Path $ToolPath '.acrgeo-emulator-package'

function Invoke-Dotnet {
    # Runs dotnet quietly; on failure, throws with everything it said.
    $output = & dotnet @args 2>&1
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($args -join ' ') failed ($LASTEXITCODE):`n$($output -join [Environment]::NewLine)" }
    $output
}

Write-Verbose "dotnet pack $project -c $Configuration -o $PackageOutput"
# -getProperty makes pack print the version it packed, and nothing else.
$version = "$(Invoke-Dotnet pack $project -c $Configuration -o $PackageOutput --nologo -v quiet '-getProperty:PackageVersion')".Trim()
$package = Join-Path $PackageOutput "$packageId.$version.nupkg"
if (-not (Test-Path -LiteralPath $package)) { throw "dotnet pack made no $package." }

# The zip itself differs on every pack (entry times, a random part name), so the marker records its tool files' hashes.
Add-Type -AssemblyName System.IO.Compression.FileSystem
$zip = [IO.Compression.ZipFile]::OpenRead($package)
try {
    $files = foreach ($entry in $zip.Entries | Where-Object FullName -like 'tools/*' | Sort-Object FullName) {
        $stream = $entry.Open()
        try { '{0} {1}' -f $entry.FullName, [Convert]::ToHexString([Security.Cryptography.SHA256]::HashData($stream)) }
        finally { $stream.Dispose() }
    }
}
finally {
    $zip.Dispose()
}
$identity = (@("$packageId $version") + $files) -join "`n"

$installed = Join-Path $ToolPath $command
if ((Test-Path -LiteralPath $installed) -and (Test-Path -LiteralPath $marker) -and
    (Get-Content -LiteralPath $marker -Raw) -eq $identity) {
    Write-Verbose "$packageId $version is already installed in $ToolPath."
    return $installed
}

if (Test-Path -LiteralPath $installed) {
    Write-Verbose "Uninstalling the older $packageId from $ToolPath."
    $null = Invoke-Dotnet tool uninstall $packageId --tool-path $ToolPath
}
# Only the folder just packed: a feed elsewhere must neither be needed nor answer with another build of the same version.
$config = Join-Path ([IO.Path]::GetTempPath()) "acrgeo-emulator-nuget-$([guid]::NewGuid().ToString('N')).config"
Set-Content -LiteralPath $config -Value @"
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="acrgeo-local" value="$([Security.SecurityElement]::Escape($PackageOutput))" />
  </packageSources>
</configuration>
"@
try {
    Write-Verbose "dotnet tool install $packageId --version $version --tool-path $ToolPath"
    $null = Invoke-Dotnet tool install $packageId --version $version --tool-path $ToolPath --configfile $config
}
finally {
    Remove-Item -LiteralPath $config -ErrorAction SilentlyContinue
}
if (-not (Test-Path -LiteralPath $installed)) { throw "dotnet tool install left no $installed." }
Set-Content -LiteralPath $marker -Value $identity -NoNewline
Write-Verbose "Installed $packageId $version as $installed."
$installed
