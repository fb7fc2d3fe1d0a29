# The help of the built module, written in docs/en-US and built into out/AcrGeo/en-US by tools/Build-Help.ps1: every
# exported cmdlet and parameter documented as the cmdlet really is, every example valid PowerShell, the examples
# marked <!-- runnable --> run against the emulator, and about_AcrGeo explaining every error id the code raises.

BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $root = Get-AcrGeoRepositoryRoot
    Import-Module (Join-Path $root 'tools/HelpMarkdown.psm1') -Force
    $cmdletNames = @((Import-PowerShellDataFile -Path (Join-Path $root 'AcrGeo.psd1')).CmdletsToExport)
    $examples = @(foreach ($file in Get-ChildItem -Path (Join-Path $root 'docs/en-US') -Filter '*.md' | Where-Object BaseName -notlike 'about_*') {
        $help = Read-CommandHelpMarkdown -Path $file.FullName
        foreach ($example in $help.Examples) {
            @{ Command = $help.Name; Number = $example.Number; Code = $example.Code[0].Text; Runnable = $example.Runnable }
        }
    })
    $runnableExamples = @($examples | Where-Object Runnable)
}

Describe 'The help of the built module' {
    BeforeAll {
        . (Join-Path $PSScriptRoot 'Common.ps1')
        $root = Get-AcrGeoRepositoryRoot
        $modulePath = Get-AcrGeoModulePath
        Import-Module $modulePath -Force
        Import-Module (Join-Path $root 'tools/HelpMarkdown.psm1') -Force
        $markdown = @{}
        foreach ($file in Get-ChildItem -Path (Join-Path $root 'docs/en-US') -Filter '*.md' | Where-Object BaseName -notlike 'about_*') {
            $markdown[$file.BaseName] = Read-CommandHelpMarkdown -Path $file.FullName
        }
        $exported = @(Get-Command -Module AcrGeo)

        function Get-Normalized([object[]] $Text) { ((@($Text) -join ' ') -replace '\s+', ' ').Trim() }
    }

    AfterAll {
        Remove-Module -Name AcrGeo, HelpMarkdown -Force -ErrorAction SilentlyContinue
    }

    Context 'Every cmdlet and parameter' {
        It 'is built into the module''s en-US folder' {
            Join-Path (Split-Path -Parent $modulePath) 'en-US/AcrGeo.dll-Help.xml' |
                Should -Exist -Because 'tools/Build-Help.ps1 builds it from docs/en-US after dotnet build src/AcrGeo'
        }

        It 'has a markdown file for every exported cmdlet, and none for anything else' {
            $documented = @($markdown.Keys | Sort-Object) -join ', '

            $documented | Should -Be (@($exported.Name | Sort-Object) -join ', ')
        }

        It '<_> shows its own synopsis, description and examples' -ForEach $cmdletNames {
            $written = $markdown[$_]
            $help = Get-Help -Name $_ -Full

            # Without the built help, Get-Help makes a synopsis from the syntax instead.
            Get-Normalized $help.Synopsis | Should -Be (Get-Normalized $written.Synopsis)
            Get-Normalized $help.description.Text | Should -Be (Get-Normalized $written.Description)
            $shown = @($help.examples.example)
            $shown.Count | Should -Be $written.Examples.Count
            for ($index = 0; $index -lt $shown.Count; $index++) {
                "$($shown[$index].code)".StartsWith($written.Examples[$index].Code[0].Text) |
                    Should -BeTrue -Because "example $($index + 1) shows its code"
                Get-Normalized $shown[$index].remarks.Text | Should -Be (Get-Normalized $written.Examples[$index].Remarks)
            }
        }

        It 'documents every parameter of every cmdlet as the cmdlet declares it' {
            $mismatches = foreach ($command in $exported) {
                $written = $markdown[$command.Name]
                if (-not $written) { continue }
                $liveSets = @($command.ParameterSets.Name)
                $writtenSets = @($written.Syntax.SetName)
                if ($liveSets.Count -gt 1 -and (($writtenSets | Sort-Object) -join ', ') -ne (($liveSets | Sort-Object) -join ', ')) {
                    "$($command.Name): SYNTAX has the sets $($writtenSets -join ', '); the cmdlet has $($liveSets -join ', ')"
                }
                $writtenDefault = @($written.Syntax | Where-Object IsDefault).SetName
                if ($liveSets.Count -gt 1 -and "$writtenDefault" -ne "$($command.DefaultParameterSet)") {
                    "$($command.Name): SYNTAX marks '$writtenDefault' (Default); the cmdlet's default set is '$($command.DefaultParameterSet)'"
                }
                foreach ($live in Get-CommandHelpMetadata -Command $command) {
                    $parameter = $written.Parameters | Where-Object Name -eq $live.Name
                    if (-not $parameter) {
                        "$($command.Name) -$($live.Name): not documented"
                        continue
                    }
                    $first = $parameter.Blocks[0]
                    foreach ($fact in 'Type', 'Globbing') {
                        if ("$($first.$fact)" -ne "$($live.$fact)") { "$($command.Name) -$($live.Name): $fact is '$($first.$fact)', the cmdlet says '$($live.$fact)'" }
                    }
                    foreach ($fact in 'Aliases', 'AcceptedValues') {
                        if (($first.$fact -join ', ') -ne ($live.$fact -join ', ')) {
                            "$($command.Name) -$($live.Name): $fact are '$($first.$fact -join ', ')', the cmdlet says '$($live.$fact -join ', ')'"
                        }
                    }
                    $writtenBySet = @{}
                    foreach ($block in $parameter.Blocks) {
                        foreach ($set in $block.ParameterSets) {
                            foreach ($member in $(if ($set -eq '(All)') { $liveSets } else { $set })) { $writtenBySet[$member] = $block }
                        }
                    }
                    foreach ($set in $writtenBySet.Keys | Where-Object { -not $live.Sets.Contains($_) }) {
                        "$($command.Name) -$($live.Name): documented in the set '$set', which it is not in"
                    }
                    foreach ($set in $live.Sets.Keys) {
                        $block = $writtenBySet[$set]
                        if (-not $block) {
                            "$($command.Name) -$($live.Name): no yaml for its set '$set'"
                            continue
                        }
                        foreach ($fact in 'Required', 'Position', 'PipelineInput') {
                            if ("$($block.$fact)" -ne "$($live.Sets[$set].$fact)") {
                                "$($command.Name) -$($live.Name) in '$set': $fact is '$($block.$fact)', the cmdlet says '$($live.Sets[$set].$fact)'"
                            }
                        }
                    }
                }
            }

            ($mismatches -join [Environment]::NewLine) | Should -BeNullOrEmpty
        }

        It 'documents no parameter that a cmdlet does not have' {
            $strays = foreach ($command in $exported) {
                $declared = @(Get-CommandHelpMetadata -Command $command).Name
                foreach ($parameter in $markdown[$command.Name].Parameters | Where-Object Name -notin $declared) {
                    "$($command.Name) -$($parameter.Name)"
                }
            }

            ($strays -join ', ') | Should -BeNullOrEmpty
        }

        It 'links only to help that exists' {
            $broken = foreach ($help in $markdown.Values) {
                foreach ($link in $help.Links | Where-Object { -not [Uri]::IsWellFormedUriString($_.Uri, [UriKind]::Absolute) }) {
                    if (-not (Test-Path -LiteralPath (Join-Path $root "docs/en-US/$($link.Uri)"))) { "$($help.Name): $($link.Uri)" }
                }
            }

            ($broken -join ', ') | Should -BeNullOrEmpty
        }

        It 'shows each cmdlet''s parameter sets, with their parameters, in the built syntax' {
            $common = [Management.Automation.Cmdlet]::CommonParameters
            $mismatches = foreach ($command in $exported) {
                $live = @($command.ParameterSets | ForEach-Object { (@($_.Parameters.Name | Where-Object { $_ -notin $common } | Sort-Object) -join ' ') } | Sort-Object)
                $shown = @((Get-Help -Name $command.Name).syntax.syntaxItem | ForEach-Object { (@($_.parameter.name | Sort-Object) -join ' ') } | Sort-Object)
                if (($shown -join ' | ') -ne ($live -join ' | ')) { "$($command.Name): shows [$($shown -join ' | ')], has [$($live -join ' | ')]" }
            }

            ($mismatches -join [Environment]::NewLine) | Should -BeNullOrEmpty
        }
    }

    Context 'Examples' {
        It '<Command> example <Number> is valid PowerShell' -ForEach $examples {
            $errors = $null
            $null = [Management.Automation.Language.Parser]::ParseInput($Code, [ref] $null, [ref] $errors)

            ($errors | ForEach-Object { "line $($_.Extent.StartLineNumber): $($_.Message)" }) -join '; ' | Should -BeNullOrEmpty
        }
    }

    Context 'Runnable examples, against a fresh emulator' {
        BeforeAll {
            # The world the examples talk about: the registry contoso in westus, in the resource group contoso-rg,
            # replicated to eastus, japaneast and westeurope. The examples only read it, add to it or ask -WhatIf, so
            # they run in any order.
            $emulator = Start-AcrGeoEmulator -ProvisioningDelaySeconds 0.5 -SyncDelaySeconds 0.5 -PollIntervalSeconds 0.2
            $ProgressPreference = 'SilentlyContinue'
            $null = New-AcrRegistry -Name contoso -ResourceGroupName contoso-rg -Location westus -CreateResourceGroup
            $null = New-AcrReplica -Registry contoso -Location eastus, japaneast, westeurope
            $null = Wait-AcrReplica -Registry contoso -TimeoutSeconds 120

            function Invoke-HelpExample {
                # Each example runs in a runspace of its own, as a user would paste it: errors stop it, and a prompt
                # fails at once (the runspace has no UI) instead of waiting for an answer.
                param([string] $Code)
                $shell = [powershell]::Create()
                try {
                    $null = $shell.AddScript({
                            param($ModulePath, $Code)
                            Import-Module $ModulePath
                            $ErrorActionPreference = 'Stop'
                            $ProgressPreference = 'SilentlyContinue'
                            $null = & ([scriptblock]::Create($Code))
                        }.ToString()).AddArgument($modulePath).AddArgument($Code)
                    $null = $shell.Invoke()
                    @($shell.Streams.Error | ForEach-Object { "$($_.FullyQualifiedErrorId): $_" })
                }
                catch {
                    $inner = $_.Exception.InnerException
                    $record = if ($inner -is [Management.Automation.IContainsErrorRecord]) { $inner.ErrorRecord } else { $null }
                    if ($record) { "$($record.FullyQualifiedErrorId): $record" } else { "$inner" }
                }
                finally {
                    $shell.Dispose()
                }
            }
        }

        AfterAll {
            if ($emulator) { $emulator | Stop-AcrGeoEmulator }
        }

        It 'has runnable examples' -TestCases @{ Count = $runnableExamples.Count } {
            $Count | Should -BeGreaterThan 0
        }

        It '<Command> example <Number> runs without an error' -ForEach $runnableExamples {
            Invoke-HelpExample -Code $Code | Should -BeNullOrEmpty
        }
    }

    Context 'about_AcrGeo' {
        BeforeAll {
            $about = Read-AboutHelpMarkdown -Path (Join-Path $root 'docs/en-US/about_AcrGeo.md')
            $shown = Get-Help -Name about_AcrGeo | Out-String
            # The ids the code raises: the ErrorIds constants, and ids written in place where an error is made.
            $sources = @(Get-ChildItem -Path (Join-Path $root 'src/AcrGeo'), (Join-Path $root 'src/AcrGeo.Engine') -Filter '*.cs' -Recurse |
                Where-Object FullName -notmatch '[\\/](bin|obj)[\\/]' | ForEach-Object { Get-Content -LiteralPath $_.FullName -Raw })
            $code = $sources -join "`n"
            $errorIdsClass = [regex]::Match($code, 'static class ErrorIds\s*\{(?<body>[\s\S]*?)\n\}').Groups['body'].Value
            $constants = @{}
            foreach ($match in [regex]::Matches($errorIdsClass, 'const string (?<name>\w+) = "(?<id>AcrGeo\.[^"]*)"')) {
                $constants[$match.Groups['name'].Value] = $match.Groups['id'].Value
            }
            $raised = @(
                $constants.Values
                foreach ($match in [regex]::Matches($code, '(new(\s+AcrGeoException)?\s*\(|new\s+ErrorRecord\s*\([^,;]*,)\s*"(?<id>AcrGeo\.[A-Za-z.]+)"')) { $match.Groups['id'].Value }
                foreach ($match in [regex]::Matches($code, 'ErrorIds\.(?<prefix>\w+)\s*\+\s*"(?<code>\w+)"')) { $constants[$match.Groups['prefix'].Value] + $match.Groups['code'].Value }
            ) | Sort-Object -Unique
            # The table's first column, as Get-Help shows it: an id alone on a line, what to do indented under it.
            $listed = @([regex]::Matches($shown, '(?m)^ {4}(?<id>AcrGeo\.\S+)\r?\n {8}\S') | ForEach-Object { $_.Groups['id'].Value })
        }

        It 'is shown by Get-Help about_AcrGeo' {
            $heading = $about.Blocks | Where-Object { $_.Kind -eq 'Heading' -and $_.Text -eq 'SHORT DESCRIPTION' }
            $shortDescription = $about.Blocks[[array]::IndexOf($about.Blocks, $heading) + 1].Lines -join ' '

            $shown | Should -Match 'about_acrgeo'
            Get-Normalized $shown | Should -Match ([regex]::Escape((Get-Normalized $shortDescription)))
        }

        It 'lists every error id the code raises' {
            $constants.Count | Should -BeGreaterThan 0
            # An id ending in '.' is a family (AcrGeo.Arm.<service code>), listed as its prefix and a <placeholder>.
            $missing = foreach ($id in $raised) {
                $found = if ($id.EndsWith('.')) { $listed | Where-Object { $_.StartsWith($id) -and $_.Contains('<') } } else { $listed -ceq $id }
                if (-not $found) { $id }
            }

            ($missing -join ', ') | Should -BeNullOrEmpty
        }

        It 'lists no error id the code does not raise' {
            $stale = $listed | Where-Object { -not $_.Contains('<') -and $_ -cnotin $raised }

            ($stale -join ', ') | Should -BeNullOrEmpty
        }

        It 'has PowerShell examples that parse' {
            $errors = foreach ($block in $about.Blocks | Where-Object { $_.Kind -eq 'Code' -and $_.Language -eq 'powershell' }) {
                $parseErrors = $null
                $null = [Management.Automation.Language.Parser]::ParseInput($block.Text, [ref] $null, [ref] $parseErrors)
                $parseErrors | ForEach-Object { "line $($block.Line + $_.Extent.StartLineNumber): $($_.Message)" }
            }

            ($errors -join '; ') | Should -BeNullOrEmpty
        }
    }
}
