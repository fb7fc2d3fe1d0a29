# The life of a pull password after New-AcrPullPrincipal: which passwords expire soon across the subscription and which
# container groups pull with them (Get-AcrPullPrincipal -ExpiringWithin), and a rotation that redeploys those groups with
# the new password, checks that each runs, and retires the old one only then (Reset-AcrPullPrincipalCredential
# -UpdateContainerInstance), with no failed pull in the emulator's pull log; a group that cannot come back keeps the old
# password working.

Describe 'Pull credentials that expire, and their rotation with the container groups that use them' {
    BeforeAll {
        . (Join-Path $PSScriptRoot 'Common.ps1')
        Import-Module (Get-AcrGeoModulePath) -Force
        $ProgressPreference = 'SilentlyContinue'

        $emulator = Start-AcrGeoEmulator -ProvisioningDelaySeconds 0.5 -SyncDelaySeconds 1 -RetryAfterSeconds 0 -PollIntervalSeconds 0.2
        $resourceGroup = 'rg-acrgeo-lifecycle'
        $vault = New-TestResourceName -Prefix 'kv-life-'
        $null = New-AcrKeyVault -Name $vault -ResourceGroupName $resourceGroup -Location westus -CreateResourceGroup

        function New-RegistryWithPrincipal([TimeSpan] $ExpiresIn) {
            # A registry holding aci-helloworld:v1 and a pull principal whose password expires after $ExpiresIn.
            $name = New-TestResourceName -Prefix 'contoso'
            $null = New-AcrRegistry -Name $name -ResourceGroupName $resourceGroup -Location westus
            $null = Import-AcrImage -Registry $name -Source 'mcr.microsoft.com/azuredocs/aci-helloworld:latest' -Image 'aci-helloworld:v1'
            $null = New-AcrPullPrincipal -Registry $name -VaultName $vault -ExpiresIn $ExpiresIn
            $name
        }

        function New-Group([string] $Registry, [string] $Name, [hashtable] $Secure) {
            $arguments = @{ Registry = $Registry; ResourceGroupName = $resourceGroup; Name = $Name; Image = 'aci-helloworld:v1'; VaultName = $vault }
            if ($Secure) { $arguments.SecureEnvironmentVariable = $Secure }
            New-AcrContainerInstance @arguments
        }

        $soon = New-RegistryWithPrincipal -ExpiresIn (New-TimeSpan -Days 10)
        $later = New-RegistryWithPrincipal -ExpiresIn (New-TimeSpan -Days 365)
        $soonGroups = @(New-Group $soon 'aci-soon-a'; New-Group $soon 'aci-soon-b')
        $null = New-Group $later 'aci-later'
    }

    AfterAll {
        if (Get-Module -Name AcrGeo) {
            Stop-AcrGeoEmulator
            Remove-Module -Name AcrGeo -Force
        }
    }

    Context 'The sweep' {
        It 'lists, across the subscription, the principals expiring within the window, each with its vault and its container groups, reading only' {
            Clear-EmulatorLog -Emulator $emulator
            $expiring = @(Get-AcrPullPrincipal -ExpiringWithin 30.00:00:00)

            $expiring.RegistryName | Should -Be @($soon)
            $expiring[0].VaultName | Should -Be $vault
            $expiring[0].ExpiresOn | Should -BeLessThan ([DateTimeOffset]::UtcNow.AddDays(11))
            ($expiring[0].ContainerInstances | Sort-Object) -join ', ' | Should -Be "$resourceGroup/aci-soon-a, $resourceGroup/aci-soon-b"
            @(Get-EmulatorRequest -Emulator $emulator -Mutating).Count | Should -Be 0
        }

        It 'sweeps the registries piped in' {
            $expiring = @(Get-AcrRegistry -Name $later | Get-AcrPullPrincipal -ExpiringWithin (New-TimeSpan -Days 400))

            $expiring.RegistryName | Should -Be @($later)
            $expiring[0].ContainerInstances | Should -Be @("$resourceGroup/aci-later")
        }

        It 'refuses a negative window before any request' {
            Clear-EmulatorLog -Emulator $emulator
            { Get-AcrPullPrincipal -ExpiringWithin (New-TimeSpan -Days -1) -ErrorAction Stop } |
                Should -Throw -ErrorId 'AcrGeo.InvalidExpiryWindow,AcrGeo.Commands.GetAcrPullPrincipalCommand'
            @(Get-EmulatorRequest -Emulator $emulator).Count | Should -Be 0
        }
    }

    Context 'The rotation' {
        It 'changes nothing with -WhatIf' {
            Clear-EmulatorLog -Emulator $emulator
            Get-AcrPullPrincipal -ExpiringWithin 30.00:00:00 | Reset-AcrPullPrincipalCredential -UpdateContainerInstance -WhatIf

            @(Get-EmulatorRequest -Emulator $emulator -Mutating).Count | Should -Be 0
        }

        It 'redeploys every group with the new password, keeps each Running, then retires the old one, with no failed pull' {
            $old = Get-AcrPullCredential -Registry $soon -VaultName $vault
            Clear-EmulatorLog -Emulator $emulator

            $streams = Get-AcrPullPrincipal -ExpiringWithin 30.00:00:00 |
                Reset-AcrPullPrincipalCredential -UpdateContainerInstance -Confirm:$false -Verbose -Debug *>&1
            $rotation = $streams | Where-Object { $_.PSObject.TypeNames -contains 'AcrGeo.Models.AcrCredentialRotation' }

            $rotation.PreviousCredentialRemoved | Should -BeTrue
            $rotation.Failed | Should -BeNullOrEmpty
            ($rotation.Updated.Name | Sort-Object) -join ', ' | Should -Be 'aci-soon-a, aci-soon-b'
            $rotation.Updated | ForEach-Object { $_.State | Should -Be 'Running' }
            $rotation.ExpiresOn | Should -BeGreaterThan ([DateTimeOffset]::UtcNow.AddDays(300))
            $new = Get-AcrPullCredential -Registry $soon -VaultName $vault
            Test-EmulatorSignIn -Emulator $emulator -Credential $new | Should -BeTrue
            Test-EmulatorSignIn -Emulator $emulator -Credential $old | Should -BeFalse
            # Neither password shows in any stream (output, verbose, debug, warning), the request log or the pull log.
            $shown = ($streams | Format-List * -Force | Out-String -Width 4096) + (Invoke-EmulatorAdmin -Emulator $emulator -Path requests | ConvertTo-Json) +
                (Get-EmulatorPull -Emulator $emulator | ConvertTo-Json)
            foreach ($password in $old, $new) { $shown.Contains($password.GetNetworkCredential().Password) | Should -BeFalse }
            $containerWrites = @(Get-EmulatorRequest -Emulator $emulator -Mutating | Where-Object path -like '*/containerGroups/*')
            $containerWrites.Count | Should -Be 2

            # The groups hold the new password: a restart pulls again with it. Not one pull failed, then or now.
            $soonGroups | Restart-AcrContainerInstance
            $pulls = Get-EmulatorPull -Emulator $emulator
            $pulls.Count | Should -Be 4
            @($pulls | Where-Object { -not $_.succeeded }).Count | Should -Be 0
            @(Get-AcrPullPrincipal -ExpiringWithin 30.00:00:00).Count | Should -Be 0
        }

        It 'reports a group that cannot come back and keeps the old password, so the group still pulls' {
            $null = New-Group $later 'aci-secret' @{ API_KEY = ConvertTo-SecureString 'not-returned-by-azure' -AsPlainText -Force }
            $old = Get-AcrPullCredential -Registry $later -VaultName $vault
            $fault = Invoke-EmulatorAdmin -Emulator $emulator -Path faults -Method Post `
                -Body @{ method = 'PUT'; path = '*/containerGroups/aci-later'; action = 'FailOperation'; count = 3 }
            Clear-EmulatorLog -Emulator $emulator

            $rotation = Reset-AcrPullPrincipalCredential -Registry $later -VaultName $vault -UpdateContainerInstance -Confirm:$false `
                -ErrorVariable failures -ErrorAction SilentlyContinue

            ($failures.FullyQualifiedErrorId | ForEach-Object { ($_ -split ',')[0] } | Sort-Object) -join ', ' |
                Should -Be 'AcrGeo.ContainerInstanceNotRedeployable, AcrGeo.ContainerInstanceNotUpdated'
            ($failures | Where-Object { $_.FullyQualifiedErrorId -like 'AcrGeo.ContainerInstanceNotRedeployable,*' }).Exception.Message | Should -Match 'API_KEY'
            $rotation.PreviousCredentialRemoved | Should -BeFalse
            ($rotation.Failed | Sort-Object) -join ', ' | Should -Be "$resourceGroup/aci-later, $resourceGroup/aci-secret"
            Test-EmulatorSignIn -Emulator $emulator -Credential $old | Should -BeTrue
            (Invoke-EmulatorAdmin -Emulator $emulator -Path faults).Count | Should -Be 0 -Because "the fault $($fault.id) was used"

            # The group that was not touched still pulls with the old password.
            Clear-EmulatorLog -Emulator $emulator
            (Restart-AcrContainerInstance -ResourceGroupName $resourceGroup -Name 'aci-secret' -PassThru).State | Should -Be 'Running'
            @(Get-EmulatorPull -Emulator $emulator | Where-Object { -not $_.succeeded }).Count | Should -Be 0
        }

        It 'warns, without -UpdateContainerInstance, about the groups the old password leaves behind' {
            $null = Remove-AcrContainerInstance -ResourceGroupName $resourceGroup -Name 'aci-secret' -Confirm:$false
            $null = Reset-AcrPullPrincipalCredential -Registry $later -VaultName $vault -Confirm:$false -WarningVariable warnings -WarningAction SilentlyContinue

            "$warnings" | Should -Match "$resourceGroup/aci-later"
            "$warnings" | Should -Match '-UpdateContainerInstance'
        }
    }
}
