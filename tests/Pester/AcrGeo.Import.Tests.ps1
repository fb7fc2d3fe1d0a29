# Import-AcrImage from every kind of source through the built module: a private registry with a PSCredential, another
# registry of the subscription by resource id, a replica's regional endpoint, and -NoWait; and what it refuses before it
# sends anything (a malformed reference or digest, an existing tag without -Force), with no write in the request log.

Describe 'Importing images from private, subscription and regional sources' {
    BeforeAll {
        . (Join-Path $PSScriptRoot 'Common.ps1')
        Import-Module (Get-AcrGeoModulePath) -Force
        $ProgressPreference = 'SilentlyContinue'

        $emulator = Start-AcrGeoEmulator -ProvisioningDelaySeconds 0.5 -SyncDelaySeconds 1 -RetryAfterSeconds 0 -PollIntervalSeconds 0.2
        $resourceGroup = 'rg-acrgeo-import'
        $vault = New-TestResourceName -Prefix 'kv-imp-'
        $null = New-AcrKeyVault -Name $vault -ResourceGroupName $resourceGroup -Location westus -CreateResourceGroup

        # The source: a registry replicated to eastus that holds app:v1 in both regions, and a pull principal on it.
        $source = New-TestResourceName -Prefix 'source'
        $null = New-AcrRegistry -Name $source -ResourceGroupName $resourceGroup -Location westus
        $null = New-AcrReplica -Registry $source -Location eastus
        $null = Import-AcrImage -Registry $source -Source 'mcr.microsoft.com/azuredocs/aci-helloworld:latest' -Image 'app:v1'
        $null = Wait-AcrReplica -Registry $source -TimeoutSeconds 60
        $null = New-AcrPullPrincipal -Registry $source -VaultName $vault
        $sourceId = (Get-AcrRegistry -Name $source).Id
        $digest = (Get-AcrImage -Registry $source -Repository app).Digest

        $target = New-TestResourceName -Prefix 'target'
        $null = New-AcrRegistry -Name $target -ResourceGroupName $resourceGroup -Location westus
    }

    AfterAll {
        if (Get-Module -Name AcrGeo) {
            Stop-AcrGeoEmulator
            Remove-Module -Name AcrGeo -Force
        }
    }

    Context 'Sources' {
        It 'imports from a private registry with a PSCredential, and never shows the password' {
            $credential = Get-AcrPullCredential -Registry $source -VaultName $vault
            $output = Import-AcrImage -Registry $target -Source "$source.azurecr.io/app:v1" -Image 'private:v1' -Credential $credential -Verbose 4>&1 |
                Out-String

            (Get-AcrImage -Registry $target -Repository private).Tag | Should -Be 'v1'
            $output.Contains($credential.GetNetworkCredential().Password) | Should -BeFalse
        }

        It 'imports from another registry of the subscription by resource id, and by digest' {
            $image = Import-AcrImage -Registry $target -SourceRegistryId $sourceId -Source "app@$digest" -Image 'pinned:v1'

            $image.Reference | Should -Be "$target.azurecr.io/pinned:v1"
            (Get-AcrImage -Registry $target -Repository pinned).Digest | Should -Be $digest
        }

        It 'imports from a replica''s regional endpoint as the signed-in identity' {
            $null = Import-AcrImage -Registry $target -Source "$source.eastus.geo.azurecr.io/app:v1" -Image 'regional:v1'

            (Get-AcrImage -Registry $target -Repository regional).Digest | Should -Be $digest
        }

        It 'returns at once with -NoWait, and the image arrives' {
            Clear-EmulatorLog -Emulator $emulator
            $image = Import-AcrImage -Registry $target -Source 'mcr.microsoft.com/azuredocs/aci-helloworld:latest' -Image 'later:v1' -NoWait

            $image.LastUpdated | Should -BeNullOrEmpty
            @(Get-EmulatorRequest -Emulator $emulator | Where-Object path -like '*/operationResults/*').Count | Should -Be 0
            Start-Sleep -Seconds 1
            (Get-AcrImage -Registry $target -Repository later).Tag | Should -Be 'v1'
        }
    }

    Context 'Refusals before anything is sent' {
        It 'refuses <Why> with <ErrorId> and no request' -ForEach @(
            @{ Why = 'a digest that is not one'; Source = 'mcr.microsoft.com/azuredocs/aci-helloworld@sha256:1234'; ErrorId = 'AcrGeo.InvalidImageDigest' }
            @{ Why = 'an uppercase repository'; Source = 'mcr.microsoft.com/AzureDocs/aci-helloworld:latest'; ErrorId = 'AcrGeo.InvalidImageName' }
            @{ Why = 'a tag with a space'; Source = 'mcr.microsoft.com/azuredocs/aci-helloworld:la test'; ErrorId = 'AcrGeo.InvalidImageName' }
        ) {
            Clear-EmulatorLog -Emulator $emulator
            { Import-AcrImage -Registry $target -Source $Source -ErrorAction Stop } |
                Should -Throw -ErrorId "$ErrorId,AcrGeo.Commands.ImportAcrImageCommand"
            @(Get-EmulatorRequest -Emulator $emulator).Count | Should -Be 0
        }

        It 'refuses a source registry id with a registry host in the source, before any request' {
            Clear-EmulatorLog -Emulator $emulator
            { Import-AcrImage -Registry $target -SourceRegistryId $sourceId -Source "$source.azurecr.io/app:v1" -ErrorAction Stop } |
                Should -Throw -ErrorId 'AcrGeo.InvalidImportSource,AcrGeo.Commands.ImportAcrImageCommand'
            @(Get-EmulatorRequest -Emulator $emulator).Count | Should -Be 0
        }

        It 'refuses a tag the registry has without -Force, with no write, and overwrites it with -Force' {
            Clear-EmulatorLog -Emulator $emulator
            { Import-AcrImage -Registry $target -SourceRegistryId $sourceId -Source 'app:v1' -Image 'pinned:v1' -ErrorAction Stop } |
                Should -Throw -ErrorId 'AcrGeo.ImageTagExists,AcrGeo.Commands.ImportAcrImageCommand'
            @(Get-EmulatorRequest -Emulator $emulator -Mutating).Count | Should -Be 0

            $null = Import-AcrImage -Registry $target -SourceRegistryId $sourceId -Source 'app:v1' -Image 'pinned:v1' -Force
            @(Get-EmulatorRequest -Emulator $emulator -Mutating | Where-Object path -like '*/importImage').Count | Should -Be 1
        }

        It 'imports nothing with -WhatIf' {
            Clear-EmulatorLog -Emulator $emulator
            Import-AcrImage -Registry $target -Source 'mcr.microsoft.com/azuredocs/aci-helloworld:latest' -Image 'whatif:v1' -WhatIf

            @(Get-EmulatorRequest -Emulator $emulator -Mutating).Count | Should -Be 0
        }
    }
}
