# The module's help as platyPS writes it (markdown, schema 2.0.0), read and turned into what Get-Help reads: MAML for
# the cmdlets, plain text for about topics. platyPS is not installable here; the markdown keeps its format, so that
# platyPS's New-ExternalHelp could take over from tools/Build-Help.ps1 without a change to docs/.
#
# Malformed markdown is refused, never guessed at: every problem of a file is reported at once, as 'file:line: what'.
Set-StrictMode -Version 3.0

# The sections of a cmdlet's help, in the order platyPS writes them.
$script:CommandSections = 'SYNOPSIS', 'SYNTAX', 'DESCRIPTION', 'EXAMPLES', 'PARAMETERS', 'INPUTS', 'OUTPUTS', 'NOTES', 'RELATED LINKS'
$script:FrontMatterKeys = 'external help file', 'Module Name', 'online version', 'schema'
# platyPS's parameter yaml keys. It also knows 'Applicable' (help shared by several modules), which this module does
# not use: refused like any other key, so that nothing in the markdown is silently dropped.
$script:ParameterKeys = 'Type', 'Parameter Sets', 'Aliases', 'Accepted values', 'Required', 'Position', 'Default value',
    'Accept pipeline input', 'Accept wildcard characters'
$script:OptionalParameterKeys = @('Accepted values')
$script:PipelineInputValues = 'False', 'True (ByValue)', 'True (ByPropertyName)', 'True (ByPropertyName, ByValue)'
$script:AllParameterSets = '(All)'
$script:DefaultSetSuffix = ' (Default)'
$script:CommonParametersHeading = 'CommonParameters'
# The mark of an example that runs as written against a fresh emulator; Get-Help never shows it.
$script:RunnableMark = 'runnable'
# The syntax line is wrapped where platyPS wraps it, so that GitHub shows it without a scroll bar.
$script:SyntaxWidth = 110
$script:AboutSections = 'SHORT DESCRIPTION', 'LONG DESCRIPTION', 'EXAMPLES', 'NOTE', 'TROUBLESHOOTING NOTE', 'SEE ALSO', 'KEYWORDS'
$script:AboutWidth = 80
$script:AboutIndent = '    '

$script:Maml = [Xml.Linq.XNamespace]'http://schemas.microsoft.com/maml/2004/10'
$script:Command = [Xml.Linq.XNamespace]'http://schemas.microsoft.com/maml/dev/command/2004/10'
$script:Dev = [Xml.Linq.XNamespace]'http://schemas.microsoft.com/maml/dev/2004/10'

#region Markdown blocks

function Split-MarkdownBlock {
    # The markdown as a list of blocks (heading, code, comment, paragraph, table), each with its line number. Lines in
    # a code fence are never read as headings: a '# comment' in an example stays code.
    param(
        [Parameter(Mandatory)] [AllowEmptyString()] [AllowEmptyCollection()] [string[]] $Line,
        [int] $FirstLine = 0,
        [Parameter(Mandatory)] [AllowEmptyCollection()] [Collections.Generic.List[string]] $Problem,
        [Parameter(Mandatory)] [string] $Path
    )
    $blocks = [Collections.Generic.List[object]]::new()
    $paragraph = $null
    $index = $FirstLine
    while ($index -lt $Line.Count) {
        $text = $Line[$index]
        $number = $index + 1
        if ($text -match '^\s{0,3}(?<fence>`{3,}|~{3,})\s*(?<language>[^`\s]*)\s*$') {
            $paragraph = $null
            $fence = $Matches.fence
            $language = $Matches.language
            # A fence closes with the same character, at least as many times.
            $closing = '^\s{0,3}' + [regex]::Escape("$($fence[0])") + '{' + $fence.Length + ',}\s*$'
            $content = [Collections.Generic.List[string]]::new()
            $index++
            $closed = $false
            while ($index -lt $Line.Count) {
                if ($Line[$index] -match $closing) { $closed = $true; break }
                $content.Add($Line[$index])
                $index++
            }
            if (-not $closed) { $Problem.Add("${Path}:${number}: the code fence opened here is never closed.") }
            $blocks.Add([pscustomobject]@{ Kind = 'Code'; Language = $language; Text = ($content -join "`n"); Line = $number })
        }
        elseif ($text -match '^(?<level>#{1,6})\s+(?<text>.*?)\s*$') {
            $paragraph = $null
            $blocks.Add([pscustomobject]@{ Kind = 'Heading'; Level = $Matches.level.Length; Text = $Matches.text; Line = $number })
        }
        elseif ($text -match '^\s*<!--') {
            $paragraph = $null
            $comment = $text
            while ($comment -notmatch '-->' -and $index + 1 -lt $Line.Count) {
                $index++
                $comment += "`n" + $Line[$index]
            }
            if ($comment -notmatch '^\s*<!--(?<body>[\s\S]*?)-->\s*$') {
                $Problem.Add("${Path}:${number}: an HTML comment must stand on lines of its own and be closed with -->.")
            }
            else {
                $blocks.Add([pscustomobject]@{ Kind = 'Comment'; Text = $Matches.body.Trim(); Line = $number })
            }
        }
        elseif ($text -match '^\s*$') {
            $paragraph = $null
        }
        elseif ($null -ne $paragraph) {
            $paragraph.Lines.Add($text)
        }
        else {
            $paragraph = [pscustomobject]@{ Kind = 'Paragraph'; Lines = [Collections.Generic.List[string]]::new(); Line = $number }
            $paragraph.Lines.Add($text)
            $blocks.Add($paragraph)
        }
        $index++
    }
    foreach ($block in @($blocks | Where-Object Kind -eq 'Paragraph')) {
        if (@($block.Lines | Where-Object { $_ -notmatch '^\s*\|' }).Count -eq 0) { $block.Kind = 'Table' }
    }
    $blocks
}

function ConvertFrom-MarkdownInline {
    # Text as the help shows it: markdown's backslash escapes (platyPS writes \< \> \[ \]) resolved.
    param([Parameter(Mandatory)] [AllowEmptyString()] [string] $Text)
    [regex]::Replace($Text, '\\([!-/:-@\[-`{-~])', '$1')
}

function Get-ParagraphText {
    # The paragraphs of some blocks: the lines of a paragraph joined; each list item is a paragraph of its own, as
    # Get-Help shows one para per line of a list.
    param([Parameter(Mandatory)] [AllowEmptyCollection()] [object[]] $Block)
    foreach ($paragraph in $Block) {
        $current = $null
        foreach ($line in $paragraph.Lines) {
            $trimmed = $line.Trim()
            if ($null -ne $current -and $trimmed -notmatch '^([-*+]|\d+\.)\s') {
                $current += ' ' + $trimmed
                continue
            }
            if ($null -ne $current) { ConvertFrom-MarkdownInline $current }
            $current = $trimmed
        }
        if ($null -ne $current) { ConvertFrom-MarkdownInline $current }
    }
}

function Read-FrontMatter {
    param([string[]] $Line, [Collections.Generic.List[string]] $Problem, [string] $Path)
    $metadata = [ordered]@{}
    if ($Line.Count -eq 0 -or $Line[0] -ne '---') {
        $Problem.Add("${Path}:1: the file must start with platyPS's front matter (---, external help file, Module Name, online version, schema: 2.0.0, ---).")
        return [pscustomobject]@{ Metadata = $metadata; BodyStart = 0 }
    }
    $index = 1
    while ($index -lt $Line.Count -and $Line[$index] -ne '---') {
        if ($Line[$index] -match '^(?<key>[^:]+):\s*(?<value>.*?)\s*$') {
            if ($Matches.key -notin $script:FrontMatterKeys) {
                $Problem.Add("${Path}:$($index + 1): unknown front matter key '$($Matches.key)'; platyPS writes $($script:FrontMatterKeys -join ', ').")
            }
            $metadata[$Matches.key] = $Matches.value
        }
        elseif ($Line[$index].Trim()) {
            $Problem.Add("${Path}:$($index + 1): front matter lines are 'key: value'.")
        }
        $index++
    }
    if ($index -ge $Line.Count) { $Problem.Add("${Path}:1: the front matter is never closed with ---.") }
    foreach ($key in $script:FrontMatterKeys) {
        if (-not $metadata.Contains($key)) { $Problem.Add("${Path}:1: the front matter has no '$key'.") }
    }
    if ($metadata.Contains('schema') -and $metadata['schema'] -ne '2.0.0') {
        $Problem.Add("${Path}:1: schema is '$($metadata['schema'])'; this is platyPS schema 2.0.0.")
    }
    [pscustomobject]@{ Metadata = $metadata; BodyStart = $index + 1 }
}

function Split-Section {
    # Blocks grouped under their headings of one level: @{ Heading; Blocks } in file order.
    param([object[]] $Block, [int] $Level)
    $sections = [Collections.Generic.List[object]]::new()
    $current = $null
    foreach ($item in $Block) {
        if ($item.Kind -eq 'Heading' -and $item.Level -eq $Level) {
            $current = [pscustomobject]@{ Heading = $item; Blocks = [Collections.Generic.List[object]]::new() }
            $sections.Add($current)
        }
        elseif ($null -ne $current) {
            $current.Blocks.Add($item)
        }
    }
    $sections
}

function New-HelpMarkdownError {
    param([string] $Path, [Collections.Generic.List[string]] $Problem)
    $message = "$Path is not valid platyPS markdown:`n  " + ($Problem -join "`n  ")
    [Management.Automation.ErrorRecord]::new([FormatException]::new($message), 'AcrGeo.Help.InvalidMarkdown',
        [Management.Automation.ErrorCategory]::InvalidData, $Path)
}

#endregion

#region Cmdlet help

function Read-CommandHelpMarkdown {
    <#
    .SYNOPSIS
        Reads one cmdlet's help markdown (platyPS schema 2.0.0) into an object; throws, naming every problem, when the
        file does not follow the schema.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory, ValueFromPipeline, ValueFromPipelineByPropertyName)]
        [Alias('FullName')]
        [string] $Path
    )
    process {
        $problem = [Collections.Generic.List[string]]::new()
        $lines = [IO.File]::ReadAllLines($Path)
        $front = Read-FrontMatter -Line $lines -Problem $problem -Path $Path
        $blocks = @(Split-MarkdownBlock -Line $lines -FirstLine $front.BodyStart -Problem $problem -Path $Path)
        $name = [IO.Path]::GetFileNameWithoutExtension($Path)

        $title = $blocks | Select-Object -First 1
        if (-not $title -or $title.Kind -ne 'Heading' -or $title.Level -ne 1 -or $title.Text -ne $name) {
            $problem.Add("${Path}:$(if ($title) { $title.Line } else { $front.BodyStart + 1 }): the first heading must be '# $name', the file's name.")
        }
        $sections = @(Split-Section -Block $blocks -Level 2)
        $found = @($sections | ForEach-Object { $_.Heading.Text })
        if (($found -join '|') -ne ($script:CommandSections -join '|')) {
            $problem.Add("${Path}: the sections are $(if ($found) { $found -join ', ' } else { 'missing' }); platyPS writes exactly $($script:CommandSections -join ', '), in that order.")
        }
        $stray = @($blocks | Where-Object { $_.Kind -eq 'Heading' -and $_.Level -eq 1 } | Select-Object -Skip 1)
        foreach ($heading in $stray) { $problem.Add("${Path}:$($heading.Line): a second '#' heading; sections are '##'.") }
        $section = @{}
        foreach ($item in $sections) { $section[$item.Heading.Text] = $item }
        $body = { param($sectionName) if ($section.ContainsKey($sectionName)) { @($section[$sectionName].Blocks) } else { @() } }

        $help = [pscustomobject]@{
            Name         = $name
            Path         = $Path
            Metadata     = $front.Metadata
            Synopsis     = @(Read-TextSection -Block (& $body 'SYNOPSIS') -Section 'SYNOPSIS' -Problem $problem -Path $Path -Required)
            Syntax       = @(Read-SyntaxSection -Block (& $body 'SYNTAX') -Problem $problem -Path $Path)
            Description  = @(Read-TextSection -Block (& $body 'DESCRIPTION') -Section 'DESCRIPTION' -Problem $problem -Path $Path -Required -AllowCode)
            Examples     = @(Read-ExampleSection -Block (& $body 'EXAMPLES') -Problem $problem -Path $Path)
            Parameters   = @()
            SupportsCommonParameters = $false
            Inputs       = @(Read-TypeSection -Block (& $body 'INPUTS') -Section 'INPUTS' -Problem $problem -Path $Path)
            Outputs      = @(Read-TypeSection -Block (& $body 'OUTPUTS') -Section 'OUTPUTS' -Problem $problem -Path $Path)
            Notes        = @(Read-TextSection -Block (& $body 'NOTES') -Section 'NOTES' -Problem $problem -Path $Path -AllowCode)
            Links        = @(Read-LinkSection -Block (& $body 'RELATED LINKS') -Problem $problem -Path $Path)
        }
        $parameters = Read-ParameterSection -Block (& $body 'PARAMETERS') -Problem $problem -Path $Path
        $help.Parameters = @($parameters.Parameters)
        $help.SupportsCommonParameters = $parameters.SupportsCommonParameters
        if ($problem.Count -eq 0) { Test-SyntaxSection -Help $help -Problem $problem }
        if ($problem.Count -gt 0) { $PSCmdlet.ThrowTerminatingError((New-HelpMarkdownError -Path $Path -Problem $problem)) }
        $help
    }
}

function Read-TextSection {
    param([object[]] $Block, [string] $Section, [Collections.Generic.List[string]] $Problem, [string] $Path,
        [switch] $Required, [switch] $AllowCode)
    $allowed = if ($AllowCode) { 'Paragraph', 'Code' } else { @('Paragraph') }
    foreach ($item in $Block) {
        if ($item.Kind -notin $allowed -and $item.Kind -ne 'Comment') {
            $Problem.Add("${Path}:$($item.Line): $Section holds text$(if ($AllowCode) { ' and code' }) only, not a $($item.Kind.ToLowerInvariant()).")
        }
    }
    $paragraphs = @(foreach ($item in $Block) {
        if ($item.Kind -eq 'Paragraph') { Get-ParagraphText -Block $item }
        elseif ($item.Kind -eq 'Code' -and $AllowCode) { $item.Text }
    })
    if ($Required -and $paragraphs.Count -eq 0) { $Problem.Add("${Path}: $Section is empty.") }
    $paragraphs
}

function Read-SyntaxSection {
    # '### SetName (Default)' and the syntax in a fence, per parameter set; a single set has the fence alone.
    param([object[]] $Block, [Collections.Generic.List[string]] $Problem, [string] $Path)
    $heading = $null
    $syntax = [Collections.Generic.List[object]]::new()
    foreach ($item in $Block) {
        if ($item.Kind -eq 'Heading' -and $item.Level -eq 3) {
            if ($heading) { $Problem.Add("${Path}:$($heading.Line): the parameter set '$($heading.Text)' has no syntax fence.") }
            $heading = $item
        }
        elseif ($item.Kind -eq 'Code') {
            $setName = $script:AllParameterSets
            $isDefault = $false
            if ($heading) {
                $isDefault = $heading.Text.EndsWith($script:DefaultSetSuffix)
                $setName = if ($isDefault) { $heading.Text.Substring(0, $heading.Text.Length - $script:DefaultSetSuffix.Length) } else { $heading.Text }
            }
            $syntax.Add([pscustomobject]@{ SetName = $setName; IsDefault = $isDefault; Text = $item.Text; Line = $item.Line })
            $heading = $null
        }
        else {
            $Problem.Add("${Path}:$($item.Line): SYNTAX holds '### SetName' headings and syntax fences only.")
        }
    }
    if ($heading) { $Problem.Add("${Path}:$($heading.Line): the parameter set '$($heading.Text)' has no syntax fence.") }
    if ($syntax.Count -eq 0) { $Problem.Add("${Path}: SYNTAX is empty.") }
    if ($syntax.Count -gt 1 -and @($syntax | Where-Object SetName -eq $script:AllParameterSets).Count) {
        $Problem.Add("${Path}: with several parameter sets, each syntax fence needs its '### SetName' heading.")
    }
    if (@($syntax | Where-Object IsDefault).Count -gt 1) { $Problem.Add("${Path}: more than one parameter set is marked (Default).") }
    $duplicates = @($syntax | Group-Object SetName | Where-Object Count -gt 1)
    foreach ($duplicate in $duplicates) { $Problem.Add("${Path}: the parameter set '$($duplicate.Name)' is in SYNTAX twice.") }
    $syntax
}

function Read-ExampleSection {
    # '### Example N: title', an optional <!-- runnable --> mark, the code (a powershell fence, then any output
    # fences), then the remarks. Text before the code is refused: Get-Help would not show it.
    param([object[]] $Block, [Collections.Generic.List[string]] $Problem, [string] $Path)
    $examples = [Collections.Generic.List[object]]::new()
    foreach ($item in $Block | Select-Object -First 1) {
        if ($item.Kind -ne 'Heading') { $Problem.Add("${Path}:$($item.Line): EXAMPLES starts with '### Example 1: title'.") }
    }
    foreach ($entry in Split-Section -Block $Block -Level 3) {
        $heading = $entry.Heading
        $number = $examples.Count + 1
        if ($heading.Text -notmatch '^Example (?<number>\d+): (?<title>\S.*)$' -or [int]$Matches.number -ne $number) {
            $Problem.Add("${Path}:$($heading.Line): '$($heading.Text)' should be 'Example ${number}: <title>'.")
        }
        $example = [pscustomobject]@{
            Number   = $number
            Title    = $heading.Text
            Runnable = $false
            Code     = [Collections.Generic.List[object]]::new()
            Remarks  = @()
            Line     = $heading.Line
        }
        $stage = 'Mark'
        $remarks = [Collections.Generic.List[object]]::new()
        foreach ($item in $entry.Blocks) {
            if ($item.Kind -eq 'Comment' -and $stage -eq 'Mark') {
                if ($item.Text -ne $script:RunnableMark) {
                    $Problem.Add("${Path}:$($item.Line): the only comment under an example heading is <!-- $($script:RunnableMark) -->, not <!-- $($item.Text) -->.")
                }
                $example.Runnable = $true
                $stage = 'Code'
            }
            elseif ($item.Kind -eq 'Code' -and $stage -in 'Mark', 'Code') {
                if ($example.Code.Count -eq 0 -and $item.Language -ne 'powershell') {
                    $Problem.Add("${Path}:$($item.Line): the first fence of an example is its code, marked ``````powershell.")
                }
                $example.Code.Add([pscustomobject]@{ Language = $item.Language; Text = $item.Text })
                $stage = 'Code'
            }
            elseif ($item.Kind -eq 'Paragraph' -and $stage -in 'Code', 'Remarks') {
                $remarks.Add($item)
                $stage = 'Remarks'
            }
            elseif ($item.Kind -eq 'Comment') {
                $Problem.Add("${Path}:$($item.Line): the <!-- $($script:RunnableMark) --> mark goes right under the example heading.")
            }
            else {
                $Problem.Add("${Path}:$($item.Line): an example is its code fences, then the remarks; Get-Help would not show this $($item.Kind.ToLowerInvariant()) where it is.")
            }
        }
        if ($example.Code.Count -eq 0) { $Problem.Add("${Path}:$($heading.Line): example $number has no code.") }
        $example.Remarks = @(Get-ParagraphText -Block $remarks)
        if ($example.Remarks.Count -eq 0) { $Problem.Add("${Path}:$($heading.Line): example $number has no remarks after its code.") }
        $examples.Add($example)
    }
    if ($examples.Count -eq 0) { $Problem.Add("${Path}: EXAMPLES has no example.") }
    $examples
}

function Read-ParameterSection {
    param([object[]] $Block, [Collections.Generic.List[string]] $Problem, [string] $Path)
    $parameters = [Collections.Generic.List[object]]::new()
    $supportsCommon = $false
    foreach ($item in $Block | Select-Object -First 1) {
        if ($item.Kind -ne 'Heading') { $Problem.Add("${Path}:$($item.Line): PARAMETERS starts with '### -Name'.") }
    }
    foreach ($entry in Split-Section -Block $Block -Level 3) {
        $heading = $entry.Heading
        if ($heading.Text -eq $script:CommonParametersHeading) {
            $supportsCommon = $true
            continue
        }
        if ($supportsCommon) { $Problem.Add("${Path}:$($heading.Line): ### CommonParameters comes after every parameter.") }
        if ($heading.Text -notmatch '^-(?<name>[A-Za-z][A-Za-z0-9_]*)$') {
            $Problem.Add("${Path}:$($heading.Line): '$($heading.Text)' should be '-ParameterName' or 'CommonParameters'.")
            continue
        }
        $name = $Matches.name
        if (@($parameters | Where-Object Name -eq $name).Count) { $Problem.Add("${Path}:$($heading.Line): -$name is documented twice.") }
        $text = [Collections.Generic.List[object]]::new()
        $blocks = [Collections.Generic.List[object]]::new()
        foreach ($item in $entry.Blocks) {
            if ($item.Kind -eq 'Code' -and $item.Language -eq 'yaml') {
                $blocks.Add((Read-ParameterYaml -Code $item -Name $name -Problem $Problem -Path $Path))
            }
            elseif ($item.Kind -eq 'Paragraph' -and $blocks.Count -eq 0) {
                $text.Add($item)
            }
            else {
                $Problem.Add("${Path}:$($item.Line): -$name is its description, then its ``````yaml blocks; not a $($item.Kind.ToLowerInvariant()) here.")
            }
        }
        $parameter = [pscustomobject]@{
            Name        = $name
            Description = @(Get-ParagraphText -Block $text)
            Blocks      = @($blocks)
            Line        = $heading.Line
        }
        if ($parameter.Description.Count -eq 0) { $Problem.Add("${Path}:$($heading.Line): -$name has no description.") }
        if ($blocks.Count -eq 0) { $Problem.Add("${Path}:$($heading.Line): -$name has no ``````yaml block.") }
        Test-ParameterBlock -Parameter $parameter -Problem $Problem -Path $Path
        $parameters.Add($parameter)
    }
    if (-not $supportsCommon) { $Problem.Add("${Path}: PARAMETERS ends with '### CommonParameters', as every cmdlet has them.") }
    [pscustomobject]@{ Parameters = $parameters; SupportsCommonParameters = $supportsCommon }
}

function Read-ParameterYaml {
    param($Code, [string] $Name, [Collections.Generic.List[string]] $Problem, [string] $Path)
    $values = @{}
    $number = $Code.Line
    foreach ($line in $Code.Text -split "`n") {
        $number++
        if (-not $line.Trim()) { continue }
        if ($line -notmatch '^(?<key>[^:]+):(\s+(?<value>.*?))?\s*$') {
            $Problem.Add("${Path}:${number}: -$Name's yaml lines are 'Key: value'.")
            continue
        }
        $key = $Matches.key
        $value = "$($Matches['value'])"
        if ($key -cnotin $script:ParameterKeys) {
            $Problem.Add("${Path}:${number}: -$Name has the unknown yaml key '$key'; platyPS's keys are $($script:ParameterKeys -join ', ').")
        }
        elseif ($values.ContainsKey($key)) {
            $Problem.Add("${Path}:${number}: -$Name has '$key' twice in one yaml block.")
        }
        $values[$key] = $value
    }
    foreach ($key in $script:ParameterKeys) {
        if (-not $values.ContainsKey($key) -and $key -notin $script:OptionalParameterKeys) {
            $Problem.Add("${Path}:$($Code.Line): -$Name's yaml has no '$key'.")
        }
    }
    $list = { param($key) @("$($values[$key])" -split ',' | ForEach-Object Trim | Where-Object { $_ }) }
    $boolean = {
        param($key)
        if ("$($values[$key])" -notin 'True', 'False') { $Problem.Add("${Path}:$($Code.Line): -$Name's '$key' is '$($values[$key])', not True or False.") }
        "$($values[$key])" -eq 'True'
    }
    $position = "$($values['Position'])"
    if ($position -cne 'Named' -and $position -notmatch '^\d+$') {
        $Problem.Add("${Path}:$($Code.Line): -$Name's Position is '$position', not Named or a number.")
    }
    $pipeline = "$($values['Accept pipeline input'])"
    if ($pipeline -cnotin $script:PipelineInputValues) {
        $Problem.Add("${Path}:$($Code.Line): -$Name's 'Accept pipeline input' is '$pipeline', not one of $($script:PipelineInputValues -join '; ').")
    }
    $sets = @(& $list 'Parameter Sets')
    if ($sets.Count -eq 0) { $Problem.Add("${Path}:$($Code.Line): -$Name's 'Parameter Sets' is empty; (All) when it is in every set.") }
    if ($sets.Count -gt 1 -and $sets -contains $script:AllParameterSets) {
        $Problem.Add("${Path}:$($Code.Line): -$Name's 'Parameter Sets' names (All) next to other sets.")
    }
    if (-not "$($values['Type'])") { $Problem.Add("${Path}:$($Code.Line): -$Name has no Type.") }
    [pscustomobject]@{
        ParameterSets  = $sets
        Type           = "$($values['Type'])"
        Aliases        = @(& $list 'Aliases')
        AcceptedValues = @(& $list 'Accepted values')
        Required       = & $boolean 'Required'
        Position       = $position
        DefaultValue   = if ("$($values['Default value'])") { "$($values['Default value'])" } else { 'None' }
        PipelineInput  = $pipeline
        Globbing       = & $boolean 'Accept wildcard characters'
        Line           = $Code.Line
    }
}

function Test-ParameterBlock {
    # Several yaml blocks describe one parameter whose metadata differs between parameter sets: what belongs to the
    # parameter itself (type, aliases, values, default, wildcards) must agree, and no set may be described twice.
    param($Parameter, [Collections.Generic.List[string]] $Problem, [string] $Path)
    $first = $Parameter.Blocks | Select-Object -First 1
    foreach ($block in $Parameter.Blocks | Select-Object -Skip 1) {
        foreach ($property in 'Type', 'Aliases', 'AcceptedValues', 'DefaultValue', 'Globbing') {
            if ("$($block.$property)" -cne "$($first.$property)") {
                $Problem.Add("${Path}:$($block.Line): -$($Parameter.Name)'s $property differs between its yaml blocks.")
            }
        }
    }
    $sets = @($Parameter.Blocks | ForEach-Object ParameterSets)
    foreach ($repeated in $sets | Group-Object | Where-Object Count -gt 1) {
        $Problem.Add("${Path}:$($Parameter.Line): -$($Parameter.Name) describes the parameter set '$($repeated.Name)' twice.")
    }
    if ($Parameter.Blocks.Count -gt 1 -and $sets -contains $script:AllParameterSets) {
        $Problem.Add("${Path}:$($Parameter.Line): -$($Parameter.Name) has several yaml blocks, one of them for (All).")
    }
}

function Read-TypeSection {
    # '### TypeName' and its description, for INPUTS and OUTPUTS.
    param([object[]] $Block, [string] $Section, [Collections.Generic.List[string]] $Problem, [string] $Path)
    foreach ($item in $Block | Select-Object -First 1) {
        if ($item.Kind -ne 'Heading') { $Problem.Add("${Path}:$($item.Line): $Section lists '### TypeName' headings, each with its description.") }
    }
    $types = @(foreach ($entry in Split-Section -Block $Block -Level 3) {
        foreach ($item in $entry.Blocks | Where-Object Kind -ne 'Paragraph') {
            $Problem.Add("${Path}:$($item.Line): $Section holds '### TypeName' and text only.")
        }
        [pscustomobject]@{ TypeName = $entry.Heading.Text; Description = @(Get-ParagraphText -Block @($entry.Blocks | Where-Object Kind -eq 'Paragraph')) }
    })
    if ($types.Count -eq 0) { $Problem.Add("${Path}: $Section is empty; write '### None' when there is nothing.") }
    $types
}

function Read-LinkSection {
    # One link per line: [text](uri), the uri a relative .md file or an absolute URL.
    param([object[]] $Block, [Collections.Generic.List[string]] $Problem, [string] $Path)
    foreach ($item in $Block) {
        if ($item.Kind -ne 'Paragraph') {
            $Problem.Add("${Path}:$($item.Line): RELATED LINKS holds [text](uri) lines only.")
            continue
        }
        foreach ($line in $item.Lines) {
            if ($line.Trim() -match '^\[(?<text>[^\]]+)\]\((?<uri>[^)\s]*)\)$') {
                [pscustomobject]@{ Text = $Matches.text; Uri = $Matches.uri }
            }
            else {
                $Problem.Add("${Path}:$($item.Line): '$line' is not a [text](uri) link.")
            }
        }
    }
}

function Resolve-HelpSyntax {
    <#
    .SYNOPSIS
        Each parameter set of a cmdlet's help with its parameters, built from the parameters' yaml as platyPS does:
        positional parameters by position, then the others in the order the markdown lists them; and its syntax line.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param([Parameter(Mandatory)] $Help)
    foreach ($syntax in $Help.Syntax) {
        $members = @(foreach ($parameter in $Help.Parameters) {
            foreach ($block in $parameter.Blocks) {
                if ($block.ParameterSets -contains $syntax.SetName -or $block.ParameterSets -contains $script:AllParameterSets) {
                    [pscustomobject]@{ Parameter = $parameter; Block = $block }
                    break
                }
            }
        })
        $ordered = @($members | Where-Object { $_.Block.Position -ne 'Named' } | Sort-Object { [int]$_.Block.Position }) +
            @($members | Where-Object { $_.Block.Position -eq 'Named' })
        [pscustomobject]@{
            SetName    = $syntax.SetName
            IsDefault  = $syntax.IsDefault
            Parameters = $ordered
            Text       = Get-SyntaxLine -Name $Help.Name -Member $ordered -CommonParameters:$Help.SupportsCommonParameters
        }
    }
}

function Test-SwitchType {
    param([string] $Type)
    $Type -in 'SwitchParameter', 'System.Management.Automation.SwitchParameter'
}

function Get-SyntaxLine {
    # platyPS's syntax line: [-Switch], -Name <Type>, [-Positional] <Type>, optional ones in [ ], wrapped at 110.
    param([string] $Name, [object[]] $Member, [switch] $CommonParameters)
    $items = @(foreach ($item in $Member) {
        $block = $item.Block
        if (Test-SwitchType $block.Type) { "[-$($item.Parameter.Name)]"; continue }
        $text = "-$($item.Parameter.Name)"
        if ($block.Position -ne 'Named') { $text = "[$text]" }
        $text = "$text <$($block.Type)>"
        if (-not $block.Required) { $text = "[$text]" }
        $text
    }) + @(if ($CommonParameters) { '[<CommonParameters>]' })
    $line = [Text.StringBuilder]::new($Name)
    $lineStart = 0
    foreach ($item in $items) {
        if ($line.Length - $lineStart + $item.Length -gt $script:SyntaxWidth) {
            $null = $line.Append("`n")
            $lineStart = $line.Length
        }
        $null = $line.Append(' ').Append($item)
    }
    $line.ToString()
}

function Test-SyntaxSection {
    # The sets SYNTAX names must be the sets the yaml names, and each syntax fence what the yaml gives (platyPS
    # ignores the fence and builds the syntax from the yaml; a fence that says otherwise would mislead readers).
    param($Help, [Collections.Generic.List[string]] $Problem)
    $declared = @($Help.Syntax | ForEach-Object SetName)
    $named = @($Help.Parameters | ForEach-Object { $_.Blocks.ParameterSets } | Where-Object { $_ -ne $script:AllParameterSets } | Sort-Object -Unique)
    if ($declared.Count -eq 1 -and $declared[0] -eq $script:AllParameterSets) {
        foreach ($set in $named) { $Problem.Add("$($Help.Path): the yaml names the parameter set '$set', but SYNTAX has a single unnamed set; use (All).") }
        return
    }
    foreach ($set in $named | Where-Object { $_ -notin $declared }) {
        $Problem.Add("$($Help.Path): the yaml names the parameter set '$set', which SYNTAX does not have.")
    }
    foreach ($set in $declared | Where-Object { $_ -notin $named }) {
        $Problem.Add("$($Help.Path): SYNTAX has the parameter set '$set', which no parameter's yaml names.")
    }
    foreach ($syntax in Resolve-HelpSyntax -Help $Help) {
        $written = ($Help.Syntax | Where-Object SetName -eq $syntax.SetName).Text
        if (($written -replace '\s+', ' ').Trim() -ne ($syntax.Text -replace '\s+', ' ').Trim()) {
            $line = ($Help.Syntax | Where-Object SetName -eq $syntax.SetName).Line
            $Problem.Add("$($Help.Path):${line}: the syntax of '$($syntax.SetName)' does not match its parameters' yaml; it is:`n$($syntax.Text)")
        }
    }
}

#endregion

#region MAML

function New-MamlParagraph {
    param([AllowEmptyCollection()] [string[]] $Text)
    foreach ($paragraph in $Text) { [Xml.Linq.XElement]::new($script:Maml + 'para', $paragraph) }
}

function New-MamlDescription {
    param([AllowEmptyCollection()] [string[]] $Text)
    [Xml.Linq.XElement]::new($script:Maml + 'description', [object[]]@(New-MamlParagraph $Text))
}

function New-MamlParameter {
    # A command:parameter as platyPS writes it; in a syntax item a switch has no value and accepted values are listed.
    param($Parameter, [string] $Type, [bool] $Required, [string] $Position, [string] $PipelineInput, [switch] $InSyntax)
    $first = $Parameter.Blocks[0]
    $isSwitch = Test-SwitchType $Type
    $typeName = if ($isSwitch) { 'SwitchParameter' } else { $Type }
    $default = if ($isSwitch -and $first.DefaultValue -eq 'None') { 'False' } else { $first.DefaultValue }
    $content = [Collections.Generic.List[object]]::new()
    foreach ($attribute in @(
            @('required', "$Required".ToLowerInvariant()), @('variableLength', 'true'), @('globbing', "$($first.Globbing)".ToLowerInvariant()),
            @('pipelineInput', $PipelineInput), @('position', $Position.ToLowerInvariant()),
            @('aliases', $(if ($first.Aliases.Count) { $first.Aliases -join ', ' } else { 'none' })))) {
        $content.Add([Xml.Linq.XAttribute]::new($attribute[0], $attribute[1]))
    }
    $content.Add([Xml.Linq.XElement]::new($script:Maml + 'name', $Parameter.Name))
    $content.Add((New-MamlDescription $Parameter.Description))
    if ($InSyntax -and $first.AcceptedValues.Count) {
        $content.Add([Xml.Linq.XElement]::new($script:Command + 'parameterValueGroup', [object[]]@(foreach ($value in $first.AcceptedValues) {
            [Xml.Linq.XElement]::new($script:Command + 'parameterValue', [Xml.Linq.XAttribute]::new('required', 'false'),
                [Xml.Linq.XAttribute]::new($script:Command + 'variableLength', 'false'), $value)
        })))
    }
    if (-not ($InSyntax -and $isSwitch)) {
        $content.Add([Xml.Linq.XElement]::new($script:Command + 'parameterValue', [Xml.Linq.XAttribute]::new('required', "$(-not $isSwitch)".ToLowerInvariant()),
            [Xml.Linq.XAttribute]::new('variableLength', 'false'), $typeName))
    }
    $content.Add([Xml.Linq.XElement]::new($script:Dev + 'type', [Xml.Linq.XElement]::new($script:Maml + 'name', $typeName), [Xml.Linq.XElement]::new($script:Maml + 'uri')))
    $content.Add([Xml.Linq.XElement]::new($script:Dev + 'defaultValue', $default))
    [Xml.Linq.XElement]::new($script:Command + 'parameter', [object[]]$content)
}

function Get-MergedPipelineInput {
    # A parameter's pipeline input over all its sets, for the PARAMETERS section where it appears once.
    param([string[]] $Value)
    $byValue = @($Value | Where-Object { $_ -match 'ByValue' }).Count -gt 0
    $byName = @($Value | Where-Object { $_ -match 'ByPropertyName' }).Count -gt 0
    if ($byValue -and $byName) { 'True (ByPropertyName, ByValue)' }
    elseif ($byValue) { 'True (ByValue)' }
    elseif ($byName) { 'True (ByPropertyName)' }
    else { 'False' }
}

function Get-ExampleTitle {
    # platyPS pads the title with dashes to 64 characters, as PowerShell's own help shows example titles. A longer
    # title keeps two dashes a side (platyPS gives it none), or Get-Help runs it into the previous example's remarks.
    param([string] $Title)
    $pad = '-' * [Math]::Max(2, [Math]::Floor((64 - $Title.Length - 2) / 2))
    "$pad $Title $pad"
}

function ConvertTo-MamlHelp {
    <#
    .SYNOPSIS
        The MAML (the <module>.dll-Help.xml that Get-Help reads) of cmdlet help read by Read-CommandHelpMarkdown.
    .DESCRIPTION
        Built as platyPS's New-ExternalHelp builds it: the syntax from the parameters' yaml, each parameter once in
        the parameters section (required only where it is required in every set it belongs to), examples as their
        code fences and remarks, the online version as the first related link.
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param([Parameter(Mandatory, ValueFromPipeline)] [object[]] $Help)
    begin { $commands = [Collections.Generic.List[object]]::new() }
    process {
        foreach ($item in $Help) {
            $verb, $noun = $item.Name -split '-', 2
            $syntaxItems = foreach ($syntax in Resolve-HelpSyntax -Help $item) {
                [Xml.Linq.XElement]::new($script:Command + 'syntaxItem', [object[]](@([Xml.Linq.XElement]::new($script:Maml + 'name', $item.Name)) + @(
                    foreach ($member in $syntax.Parameters) {
                        New-MamlParameter -Parameter $member.Parameter -Type $member.Block.Type -Required $member.Block.Required `
                            -Position $member.Block.Position -PipelineInput $member.Block.PipelineInput -InSyntax
                    })))
            }
            $parameters = foreach ($parameter in $item.Parameters) {
                New-MamlParameter -Parameter $parameter -Type $parameter.Blocks[0].Type `
                    -Required (@($parameter.Blocks | Where-Object { -not $_.Required }).Count -eq 0) `
                    -Position $parameter.Blocks[0].Position -PipelineInput (Get-MergedPipelineInput $parameter.Blocks.PipelineInput)
            }
            $typeEntries = {
                param($element, $entries)
                foreach ($entry in $entries) {
                    [Xml.Linq.XElement]::new($script:Command + $element,
                        [Xml.Linq.XElement]::new($script:Dev + 'type', [Xml.Linq.XElement]::new($script:Maml + 'name', $entry.TypeName)),
                        (New-MamlDescription $entry.Description))
                }
            }
            $examples = foreach ($example in $item.Examples) {
                [Xml.Linq.XElement]::new($script:Command + 'example',
                    [Xml.Linq.XElement]::new($script:Maml + 'title', (Get-ExampleTitle $example.Title)),
                    [Xml.Linq.XElement]::new($script:Dev + 'code', ($example.Code.Text -join "`n`n")),
                    [Xml.Linq.XElement]::new($script:Dev + 'remarks', [object[]]@(New-MamlParagraph $example.Remarks)))
            }
            $links = @(
                if ($item.Metadata['online version']) { [pscustomobject]@{ Text = 'Online Version:'; Uri = $item.Metadata['online version'] } }
                $item.Links
            )
            $navigation = foreach ($link in $links) {
                # Get-Help shows a link's uri only when it is absolute; relative .md links are for readers of docs/.
                $uri = if ([Uri]::IsWellFormedUriString($link.Uri, [UriKind]::Absolute)) { $link.Uri } else { '' }
                [Xml.Linq.XElement]::new($script:Maml + 'navigationLink',
                    [Xml.Linq.XElement]::new($script:Maml + 'linkText', $link.Text), [Xml.Linq.XElement]::new($script:Maml + 'uri', $uri))
            }
            $commands.Add([Xml.Linq.XElement]::new($script:Command + 'command',
                [Xml.Linq.XAttribute]::new([Xml.Linq.XNamespace]::Xmlns + 'maml', $script:Maml.NamespaceName),
                [Xml.Linq.XAttribute]::new([Xml.Linq.XNamespace]::Xmlns + 'command', $script:Command.NamespaceName),
                [Xml.Linq.XAttribute]::new([Xml.Linq.XNamespace]::Xmlns + 'dev', $script:Dev.NamespaceName),
                [Xml.Linq.XElement]::new($script:Command + 'details',
                    [Xml.Linq.XElement]::new($script:Command + 'name', $item.Name),
                    [Xml.Linq.XElement]::new($script:Command + 'verb', $verb),
                    [Xml.Linq.XElement]::new($script:Command + 'noun', $noun),
                    (New-MamlDescription $item.Synopsis)),
                (New-MamlDescription $item.Description),
                [Xml.Linq.XElement]::new($script:Command + 'syntax', [object[]]@($syntaxItems)),
                [Xml.Linq.XElement]::new($script:Command + 'parameters', [object[]]@($parameters)),
                [Xml.Linq.XElement]::new($script:Command + 'inputTypes', [object[]]@(& $typeEntries 'inputType' $item.Inputs)),
                [Xml.Linq.XElement]::new($script:Command + 'returnValues', [object[]]@(& $typeEntries 'returnValue' $item.Outputs)),
                [Xml.Linq.XElement]::new($script:Maml + 'alertSet', [Xml.Linq.XElement]::new($script:Maml + 'alert', [object[]]@(New-MamlParagraph $item.Notes))),
                [Xml.Linq.XElement]::new($script:Command + 'examples', [object[]]@($examples)),
                [Xml.Linq.XElement]::new($script:Command + 'relatedLinks', [object[]]@($navigation))))
        }
    }
    end {
        $helpItems = [Xml.Linq.XElement]::new([Xml.Linq.XNamespace]'http://msh' + 'helpItems', [Xml.Linq.XAttribute]::new('schema', 'maml'), [object[]]$commands)
        "<?xml version=`"1.0`" encoding=`"utf-8`"?>`n" + $helpItems.ToString() + "`n"
    }
}

#endregion

#region About topics

function Read-AboutHelpMarkdown {
    <#
    .SYNOPSIS
        Reads an about topic in platyPS's about format: '# Name', '## about_Name', then '# SHORT DESCRIPTION',
        '# LONG DESCRIPTION' and platyPS's other optional sections, with '##' subtopics; throws on any departure.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory, ValueFromPipeline, ValueFromPipelineByPropertyName)]
        [Alias('FullName')]
        [string] $Path
    )
    process {
        $problem = [Collections.Generic.List[string]]::new()
        $topic = [IO.Path]::GetFileNameWithoutExtension($Path)
        $blocks = @(Split-MarkdownBlock -Line ([IO.File]::ReadAllLines($Path)) -Problem $problem -Path $Path | Where-Object Kind -ne 'Comment')
        if ($blocks.Count -lt 2 -or $blocks[0].Kind -ne 'Heading' -or $blocks[0].Level -ne 1 -or
            $blocks[1].Kind -ne 'Heading' -or $blocks[1].Level -ne 2 -or $blocks[1].Text -ne $topic) {
            $problem.Add("${Path}:1: an about topic starts with '# <Title>' and then '## $topic', the file's name.")
        }
        $sections = @(Split-Section -Block ($blocks | Select-Object -Skip 2) -Level 1)
        $names = @($sections | ForEach-Object { $_.Heading.Text })
        foreach ($name in $names | Where-Object { $_ -cnotin $script:AboutSections }) {
            $problem.Add("${Path}: '# $name' is not one of platyPS's about sections ($($script:AboutSections -join ', ')).")
        }
        if (($names | Select-Object -First 2) -join '|' -ne 'SHORT DESCRIPTION|LONG DESCRIPTION') {
            $problem.Add("${Path}: an about topic has '# SHORT DESCRIPTION' and then '# LONG DESCRIPTION' first.")
        }
        $order = @($names | ForEach-Object { [array]::IndexOf($script:AboutSections, $_) })
        if (($order -join ',') -ne (($order | Sort-Object) -join ',')) {
            $problem.Add("${Path}: the sections are not in platyPS's order ($($script:AboutSections -join ', ')).")
        }
        foreach ($section in $sections | Where-Object { $_.Blocks.Count -eq 0 }) {
            $problem.Add("${Path}:$($section.Heading.Line): '# $($section.Heading.Text)' is empty.")
        }
        foreach ($table in $blocks | Where-Object Kind -eq 'Table') { Test-MarkdownTable -Table $table -Problem $problem -Path $Path }
        if ($problem.Count -gt 0) { $PSCmdlet.ThrowTerminatingError((New-HelpMarkdownError -Path $Path -Problem $problem)) }
        [pscustomobject]@{ Name = $topic; Path = $Path; Blocks = $blocks }
    }
}

function Get-TableRow {
    param($Table)
    foreach ($line in $Table.Lines) {
        , @(($line.Trim() -replace '^\|', '' -replace '\|$', '') -split '(?<!\\)\|' | ForEach-Object { ConvertFrom-MarkdownInline $_.Trim() })
    }
}

function Test-MarkdownTable {
    param($Table, [Collections.Generic.List[string]] $Problem, [string] $Path)
    $rows = @(Get-TableRow $Table)
    if ($rows.Count -lt 3 -or @($rows[1] | Where-Object { $_ -notmatch '^:?-{3,}:?$' }).Count) {
        $Problem.Add("${Path}:$($Table.Line): a table is a header row, a |---| row and at least one row.")
        return
    }
    foreach ($index in 2..($rows.Count - 1)) {
        if ($rows[$index].Count -ne $rows[0].Count) {
            $Problem.Add("${Path}:$($Table.Line + $index): this row has $($rows[$index].Count) cells, the header $($rows[0].Count).")
        }
    }
}

function Format-AboutText {
    # Words wrapped to the about width, every line indented.
    param([string] $Text, [string] $Indent = $script:AboutIndent)
    $line = ''
    foreach ($word in $Text -split '\s+' | Where-Object { $_ }) {
        if ($line -and ($Indent.Length + $line.Length + 1 + $word.Length) -gt $script:AboutWidth) {
            "$Indent$line"
            $line = $word
        }
        else {
            $line = if ($line) { "$line $word" } else { $word }
        }
    }
    if ($line) { "$Indent$line" }
}

function ConvertTo-AboutHelpText {
    <#
    .SYNOPSIS
        The about_<Name>.help.txt text of an about topic read by Read-AboutHelpMarkdown, laid out as platyPS lays
        it out: TOPIC, the topic name, upper-case section names, text indented and wrapped at 80 columns.
    .DESCRIPTION
        A table row becomes its first cell, with the other cells indented under it, which reads well at 80 columns.
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param([Parameter(Mandatory, ValueFromPipeline)] $About)
    process {
        $lines = [Collections.Generic.List[string]]::new()
        $lines.Add('TOPIC')
        $lines.Add($script:AboutIndent + $About.Name.ToLowerInvariant())
        $lines.Add('')
        foreach ($block in $About.Blocks | Select-Object -Skip 2) {
            switch ($block.Kind) {
                'Heading' {
                    $lines.Add($(switch ($block.Level) { 1 { $block.Text.ToUpperInvariant() } 2 { $block.Text } default { $script:AboutIndent + $block.Text.ToUpperInvariant() } }))
                }
                'Paragraph' {
                    foreach ($paragraph in Get-ParagraphText -Block $block) {
                        $hanging = if ($paragraph -match '^(?<marker>([-*+]|\d+\.)\s+)') { ' ' * $Matches.marker.Length } else { '' }
                        $wrapped = @(Format-AboutText -Text $paragraph)
                        $lines.Add($wrapped[0])
                        foreach ($next in $wrapped | Select-Object -Skip 1) { $lines.Add($hanging + $next) }
                    }
                    $lines.Add('')
                }
                'Code' {
                    foreach ($codeLine in $block.Text -split "`n") { $lines.Add(($script:AboutIndent + $codeLine).TrimEnd()) }
                    $lines.Add('')
                }
                'Table' {
                    foreach ($row in @(Get-TableRow $block) | Select-Object -Skip 2) {
                        $lines.Add($script:AboutIndent + $row[0])
                        foreach ($cell in $row | Select-Object -Skip 1) {
                            foreach ($wrapped in Format-AboutText -Text $cell -Indent ($script:AboutIndent * 2)) { $lines.Add($wrapped) }
                        }
                        $lines.Add('')
                    }
                }
            }
        }
        ($lines -join "`n").TrimEnd() + "`n"
    }
}

#endregion

#region Live cmdlet metadata in platyPS's terms

function Get-HelpTypeName {
    <#
    .SYNOPSIS
        A parameter type as platyPS names it in the yaml: the short name, Nullable<T> as T, other generics in full.
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param([Parameter(Mandatory)] [type] $Type)
    if ($Type.IsGenericType -and $Type.GetGenericTypeDefinition() -eq [Nullable`1]) { return $Type.GenericTypeArguments[0].Name }
    if ($Type.IsGenericType) { return $Type.ToString() }
    $Type.Name
}

function Get-CommandHelpMetadata {
    <#
    .SYNOPSIS
        What platyPS would write in the yaml of each parameter of a live cmdlet, per parameter set: the facts the
        markdown must agree with. The common parameters are left out (### CommonParameters covers them); -WhatIf and
        -Confirm are documented like any other parameter, as platyPS does.
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param([Parameter(Mandatory, ValueFromPipeline)] [Management.Automation.CommandInfo] $Command)
    process {
        $common = [Management.Automation.Cmdlet]::CommonParameters
        $setNames = @($Command.ParameterSets.Name)
        foreach ($parameter in $Command.Parameters.Values | Where-Object Name -notin $common) {
            $elementType = if ($parameter.ParameterType.IsArray) { $parameter.ParameterType.GetElementType() } else { $parameter.ParameterType }
            $validateSet = $parameter.Attributes | Where-Object { $_ -is [Management.Automation.ValidateSetAttribute] } | Select-Object -First 1
            $accepted = if ($validateSet) { @($validateSet.ValidValues) } elseif ($elementType.IsEnum) { @([Enum]::GetNames($elementType)) } else { @() }
            $sets = [ordered]@{}
            foreach ($entry in $parameter.ParameterSets.GetEnumerator()) {
                $facts = [pscustomobject]@{
                    Required      = $entry.Value.IsMandatory
                    Position      = if ($entry.Value.Position -lt 0) { 'Named' } else { "$($entry.Value.Position)" }
                    PipelineInput = Get-MergedPipelineInput @(
                        if ($entry.Value.ValueFromPipeline) { 'ByValue' }
                        if ($entry.Value.ValueFromPipelineByPropertyName) { 'ByPropertyName' })
                }
                $members = if ($entry.Key -eq '__AllParameterSets') { $setNames } else { @($entry.Key) }
                foreach ($set in $members) { $sets[$set] = $facts }
            }
            [pscustomobject]@{
                Name           = $parameter.Name
                Type           = Get-HelpTypeName $parameter.ParameterType
                Aliases        = @($parameter.Aliases)
                AcceptedValues = $accepted
                Globbing       = @($parameter.Attributes | Where-Object { $_ -is [Management.Automation.SupportsWildcardsAttribute] }).Count -gt 0
                Sets           = $sets
            }
        }
    }
}

#endregion

Export-ModuleMember -Function Read-CommandHelpMarkdown, Resolve-HelpSyntax, ConvertTo-MamlHelp, Read-AboutHelpMarkdown,
    ConvertTo-AboutHelpText, Get-HelpTypeName, Get-CommandHelpMetadata
