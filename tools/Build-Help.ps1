#Requires -Version 7.0
<#
.SYNOPSIS
    Builds the module's en-US help from its markdown: the MAML that Get-Help reads for the cmdlets, and the about topics.
.DESCRIPTION
    docs/en-US holds one markdown file per cmdlet and about_*.md topics, in platyPS's format (schema 2.0.0). This
    writes what platyPS's New-ExternalHelp would write: each cmdlet file into the MAML named by its 'external help
    file' (AcrGeo.dll-Help.xml), each about topic into about_<Name>.help.txt. platyPS is not installable here, so the
    project builds its help itself; the markdown stays in platyPS's format, so platyPS could take over.

    Markdown that departs from the format (a missing or misplaced section, an unknown yaml key, a syntax that does not
    match its parameters, an example without code) fails the build, naming every problem with its file and line;
    nothing is written then.
.EXAMPLE
    ./tools/Build-Help.ps1 -MarkdownPath docs/en-US -OutputPath out/AcrGeo/en-US
#>
[CmdletBinding()]
[OutputType([IO.FileInfo])]
param(
    # The folder of markdown files.
    [string] $MarkdownPath = (Join-Path $PSScriptRoot '../docs/en-US'),
    # The module's culture folder, where Get-Help looks.
    [string] $OutputPath = (Join-Path $PSScriptRoot '../out/AcrGeo/en-US')
)
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot 'HelpMarkdown.psm1') -Force

$source = $PSCmdlet.GetUnresolvedProviderPathFromPSPath($MarkdownPath)
$target = $PSCmdlet.GetUnresolvedProviderPathFromPSPath($OutputPath)
$files = @(Get-ChildItem -LiteralPath $source -Filter '*.md' -File | Sort-Object Name)
if ($files.Count -eq 0) { throw "No markdown help in '$source'." }

# Every file is read before anything is written, so that one run reports every problem and a bad file writes nothing.
$problems = [Collections.Generic.List[string]]::new()
$commands = [Collections.Generic.List[object]]::new()
$abouts = [Collections.Generic.List[object]]::new()
foreach ($file in $files) {
    try {
        if ($file.BaseName -like 'about_*') { $abouts.Add((Read-AboutHelpMarkdown -Path $file.FullName)) }
        else { $commands.Add((Read-CommandHelpMarkdown -Path $file.FullName)) }
    }
    catch {
        $problems.Add($_.Exception.Message)
    }
}
if ($problems.Count -gt 0) {
    throw "The help in '$source' is not valid platyPS markdown; nothing was written.`n$($problems -join "`n")"
}

$null = New-Item -ItemType Directory -Path $target -Force
$utf8 = [Text.UTF8Encoding]::new($false)
foreach ($group in $commands | Group-Object { $_.Metadata['external help file'] }) {
    $path = Join-Path $target $group.Name
    [IO.File]::WriteAllText($path, (ConvertTo-MamlHelp -Help $group.Group), $utf8)
    Write-Verbose "$($group.Count) cmdlets -> $path"
    Get-Item -LiteralPath $path
}
foreach ($about in $abouts) {
    $path = Join-Path $target "$($about.Name).help.txt"
    [IO.File]::WriteAllText($path, (ConvertTo-AboutHelpText -About $about), $utf8)
    Write-Verbose "$($about.Name) -> $path"
    Get-Item -LiteralPath $path
}
