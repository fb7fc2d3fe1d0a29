# The bad-input corpus (BadInput.psd1) through the built module, against one emulator: each case must end in its own error
# id, with the module's AcrGeo exception or PowerShell's own binding error (never a raw .NET exception), and the emulator
# must have seen no request that changes anything. Then the documented secure input that must be accepted.

BeforeDiscovery {
    $cases = (Import-PowerShellDataFile -Path (Join-Path $PSScriptRoot 'BadInput.psd1')).Cases
}

Describe 'Bad input is refused before any change' {
    BeforeAll {
        . (Join-Path $PSScriptRoot 'Common.ps1')
        Import-Module (Get-AcrGeoModulePath) -Force
        $ProgressPreference = 'SilentlyContinue'

        $emulator = Start-AcrGeoEmulator -ProvisioningDelaySeconds 0 -SyncDelaySeconds 0 -RetryAfterSeconds 0
        $null = Connect-AcrGeo -Emulator -EmulatorDataDirectory $emulator.DataDirectory -PollIntervalSeconds 0.05 -MaxRetries 1 -RetryDelaySeconds 0.05

        # What the cases name: a Premium registry replicated to eastus with an image, a Basic one, a vault, two groups.
        $names = @{
            rg       = 'rg-badinput'
            otherRg  = 'rg-badinput-other'
            missingRg = 'rg-badinput-missing'
            registry = New-TestResourceName -Prefix 'bad'
            basic    = New-TestResourceName -Prefix 'basic'
            vault    = 'kv-bad-' + (Get-Random -Minimum 100000 -Maximum 999999)
            image    = 'aci-helloworld:v1'
        }
        $null = New-AcrRegistry -Name $names.registry -ResourceGroupName $names.rg -Location westus -CreateResourceGroup
        $null = New-AcrRegistry -Name $names.basic -ResourceGroupName $names.otherRg -Location westus -Sku Basic -CreateResourceGroup
        $null = New-AcrReplica -Registry $names.registry -Location eastus
        $null = Import-AcrImage -Registry $names.registry -Source mcr.microsoft.com/azuredocs/aci-helloworld:latest -Image $names.image
        $null = New-AcrKeyVault -Name $names.vault -ResourceGroupName $names.rg -Location westus

        # Local files the cases need: damaged connection files, an export that is already there, an empty folder.
        $scratch = Join-Path $emulator.DataDirectory 'cases'
        $folders = @{}
        foreach ($folder in 'damagedDir', 'incompleteDir', 'remoteDir', 'exportDir', 'tempDir') {
            $folders[$folder] = (New-Item -ItemType Directory -Path (Join-Path $scratch $folder)).FullName
        }
        Set-Content -LiteralPath (Join-Path $folders.damagedDir 'connection.json') -Value '{ "baseUrl": "https://127.0.0.1:1", "tenantId": '
        $real = Get-EmulatorConnection -Emulator $emulator
        $real | Select-Object -Property * -ExcludeProperty clientSecret | ConvertTo-Json |
            Set-Content -LiteralPath (Join-Path $folders.incompleteDir 'connection.json')
        $real | Select-Object -Property * | ForEach-Object { $_.baseUrl = 'https://contoso.example:443'; $_ } | ConvertTo-Json |
            Set-Content -LiteralPath (Join-Path $folders.remoteDir 'connection.json')
        foreach ($file in 'aci-demo.template.json', 'aci-demo.parameters.json') { Set-Content -LiteralPath (Join-Path $folders.exportDir $file) -Value '{}' }
        Set-Content -LiteralPath (Join-Path $folders.tempDir 'state.txt') -Value 'Registries = @()'
        $names.dataDir = $emulator.DataDirectory
        $names.subscription = $real.subscriptionId
        $names += $folders

        function Expand-Case([string] $Script) {
            # Values are quoted, so names holding spaces or quotes stay one argument.
            [regex]::Replace($Script, '\{([A-Za-z]+)\}', {
                param($m)
                $value = $names[$m.Groups[1].Value]
                if ($null -eq $value) { $m.Value } else { "'" + ($value -replace "'", "''") + "'" }
            })
        }
    }

    AfterAll {
        if (Get-Module -Name AcrGeo) {
            Stop-AcrGeoEmulator
            Remove-Module -Name AcrGeo -Force
        }
    }

    It '<Cmdlet>: <Case> -> <ErrorId>' -ForEach $cases {
        $null = Invoke-EmulatorAdmin -Emulator $emulator -Path requests -Method Delete
        $block = [scriptblock]::Create((Expand-Case $Script))
        $Error.Clear()
        $ErrorActionPreference = 'SilentlyContinue'
        try {
            $null = & $block 2>$null
        }
        catch {
            # A terminating error; it is in $Error as well.
        }
        $ErrorActionPreference = 'Continue'
        $records = @($Error | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        [array]::Reverse($records)

        $records.Count | Should -BeGreaterThan 0 -Because 'bad input must end in an error'
        $first = $records[0]
        $first.FullyQualifiedErrorId | Should -BeLike "$ErrorId,*" -Because $first.Exception.Message
        foreach ($record in $records) {
            $type = $record.Exception.GetType()
            $fromModule = $type.FullName -eq 'AcrGeo.AcrGeoException'
            $fromBinding = [System.Management.Automation.ParameterBindingException].IsAssignableFrom($type)
            ($fromModule -or $fromBinding) | Should -BeTrue -Because "no raw .NET exception may surface, but $($type.FullName) did: $($record.Exception.Message)"
        }
        $writes = @(Get-EmulatorWrite -Emulator $emulator)
        ($writes | ForEach-Object { "$($_.method) $($_.path)" }) -join ', ' | Should -BeNullOrEmpty -Because 'bad input must change nothing'
    }

    Context 'Secure values as PowerShell hands them over' {
        BeforeAll {
            # A hashtable literal wraps what ConvertTo-SecureString (or Read-Host -AsSecureString) returns in a PSObject.
            $secure = @{ TOKEN = (ConvertTo-SecureString 'wrapped-secret-value' -AsPlainText -Force) }
        }

        It 'takes a SecureString wrapped in a PSObject by a hashtable literal, as its help documents' {
            $secure.TOKEN | Should -BeOfType [securestring]
            $null = Invoke-EmulatorAdmin -Emulator $emulator -Path requests -Method Delete
            $Error.Clear()
            # -WhatIf: the values are taken and checked, and nothing is deployed.
            New-AcrContainerInstance -Registry $names.registry -ResourceGroupName $names.rg -Name 'aci-secure' -Image $names.image `
                -VaultName $names.vault -SecureEnvironmentVariable $secure -WhatIf -ErrorAction SilentlyContinue

            @($Error | Where-Object { $_.FullyQualifiedErrorId -like 'AcrGeo.InvalidSecureValue*' }).Count | Should -Be 0
            @(Get-EmulatorWrite -Emulator $emulator).Count | Should -Be 0
        }
    }
}
