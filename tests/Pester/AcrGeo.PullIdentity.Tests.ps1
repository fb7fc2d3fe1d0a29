# Secretless pulls: a user-assigned managed identity with AcrPull on the registry alone (New-AcrPullIdentity), a
# container group that is assigned it and pulls as it (New-AcrContainerInstance -PullIdentity), the checks made before
# anything is created, each with its own error id and no write in the emulator's request log; then the group under
# control (Stop-, Start-, Restart-AcrContainerInstance) and its real state and events (Get-AcrContainerInstance).

Describe 'Secretless pulls with a managed identity, and container groups under control' {
    BeforeAll {
        . (Join-Path $PSScriptRoot 'Common.ps1')
        Import-Module (Get-AcrGeoModulePath) -Force
        $ProgressPreference = 'SilentlyContinue'

        $emulator = Start-AcrGeoEmulator -ProvisioningDelaySeconds 0.5 -SyncDelaySeconds 1 -RetryAfterSeconds 0 -PollIntervalSeconds 0.2
        $resourceGroup = 'rg-acrgeo-identity'
        $registry = New-TestResourceName -Prefix 'contoso'
        $null = New-AcrRegistry -Name $registry -ResourceGroupName $resourceGroup -Location westus -CreateResourceGroup
        $null = Import-AcrImage -Registry $registry -Source 'mcr.microsoft.com/azuredocs/aci-helloworld:latest' -Image 'aci-helloworld:v1'

        function Get-IdentityId([string] $Name) {
            "/subscriptions/$($emulator.SubscriptionId)/resourceGroups/$resourceGroup/providers/Microsoft.ManagedIdentity/userAssignedIdentities/$Name"
        }
    }

    AfterAll {
        if (Get-Module -Name AcrGeo) {
            Stop-AcrGeoEmulator
            Remove-Module -Name AcrGeo -Force
        }
    }

    Context 'New-AcrPullIdentity' {
        It 'makes the identity and its AcrPull on the registry alone with two writes, and none when run again' {
            Clear-EmulatorLog -Emulator $emulator
            $identity = New-AcrPullIdentity -Registry $registry -Name 'aci-pull' -ResourceGroupName $resourceGroup

            $writes = @(Get-EmulatorRequest -Emulator $emulator -Mutating)
            ($writes | ForEach-Object { "$($_.method) $(($_.path -split '/')[-2])" }) -join ', ' |
                Should -Be 'PUT userAssignedIdentities, PUT roleAssignments'
            $identity.Id | Should -Be (Get-IdentityId 'aci-pull')
            $identity.PullIdentityId | Should -Be $identity.Id
            $identity.Role | Should -Be 'AcrPull'
            $identity.Scope | Should -Be (Get-AcrRegistry -Name $registry).Id
            $identity.Location | Should -Be 'westus'
            $identity.RoleAssignedOn | Should -Not -BeNullOrEmpty

            Clear-EmulatorLog -Emulator $emulator
            $again = New-AcrPullIdentity -Registry $registry -Name 'aci-pull' -ResourceGroupName $resourceGroup
            $again.PrincipalId | Should -Be $identity.PrincipalId
            $again.RoleAssignmentId | Should -Be $identity.RoleAssignmentId
            @(Get-EmulatorRequest -Emulator $emulator -Mutating).Count | Should -Be 0
        }

        It 'takes the registry and its resource group from the pipeline' {
            $identity = Get-AcrRegistry -Name $registry | New-AcrPullIdentity -Name 'piped-pull'

            $identity.RegistryName | Should -Be $registry
            $identity.ResourceGroupName | Should -Be $resourceGroup
        }

        It 'refuses a name Azure would refuse before any request: <Shown>' -ForEach @(
            @{ Name = 'ab'; Shown = 'ab' }, @{ Name = '-lead'; Shown = '-lead' }, @{ Name = 'with space'; Shown = 'with space' }
            @{ Name = "line`nfeed"; Shown = 'line\nfeed' }
        ) {
            Clear-EmulatorLog -Emulator $emulator
            { New-AcrPullIdentity -Registry $registry -Name $Name -ResourceGroupName $resourceGroup -ErrorAction Stop } |
                Should -Throw -ErrorId 'AcrGeo.InvalidIdentityName,AcrGeo.Commands.NewAcrPullIdentityCommand'
            @(Get-EmulatorRequest -Emulator $emulator).Count | Should -Be 0
        }

        It 'creates nothing with -WhatIf' {
            Clear-EmulatorLog -Emulator $emulator
            New-AcrPullIdentity -Registry $registry -Name 'whatif-pull' -ResourceGroupName $resourceGroup -WhatIf

            @(Get-EmulatorRequest -Emulator $emulator -Mutating).Count | Should -Be 0
        }
    }

    Context 'New-AcrContainerInstance -PullIdentity' {
        It 'deploys in one pipeline from New-AcrPullIdentity, and the group pulls as the identity with no password' {
            Clear-EmulatorLog -Emulator $emulator
            $group = New-AcrPullIdentity -Registry $registry -Name 'aci-pull' -ResourceGroupName $resourceGroup |
                New-AcrContainerInstance -Name 'aci-secretless' -Image 'aci-helloworld:v1'

            $group.State | Should -Be 'Running'
            $group.PullIdentityId | Should -Be (Get-IdentityId 'aci-pull')
            $group.RegistryUserName | Should -BeNullOrEmpty
            $pulls = Get-EmulatorPull -Emulator $emulator
            $pulls.Count | Should -Be 1
            $pulls[0].credential | Should -Be 'Identity'
            $pulls[0].succeeded | Should -BeTrue
            @(Get-EmulatorRequest -Emulator $emulator -Mutating | Where-Object path -like '*/containerGroups/*').Count | Should -Be 1
        }

        It 'takes the identity as a resource id' {
            $group = New-AcrContainerInstance -Registry $registry -ResourceGroupName $resourceGroup -Name 'aci-byid' -Image 'aci-helloworld:v1' `
                -PullIdentity (Get-IdentityId 'aci-pull')

            $group.State | Should -Be 'Running'
        }

        It 'refuses <Why> with <ErrorId> and writes nothing' -ForEach @(
            @{ Why = 'an id that is not an identity''s'; ErrorId = 'AcrGeo.InvalidPullIdentity'; Identity = 'aci-pull'; Image = 'aci-helloworld:v1'; NoRequest = $true }
            @{ Why = 'an identity that does not exist'; ErrorId = 'AcrGeo.PullIdentityNotFound'; Identity = '#never-made'; Image = 'aci-helloworld:v1' }
            @{ Why = 'an identity without a pull role here'; ErrorId = 'AcrGeo.PullIdentityRoleMissing'; Identity = '#other-pull'; Image = 'aci-helloworld:v1' }
            @{ Why = 'a tag the registry does not have'; ErrorId = 'AcrGeo.ImageNotFound'; Identity = '#aci-pull'; Image = 'aci-helloworld:v9' }
        ) {
            if ($Identity -eq '#other-pull') {
                $other = New-TestResourceName -Prefix 'other'
                $null = New-AcrRegistry -Name $other -ResourceGroupName $resourceGroup -Location westus
                $null = New-AcrPullIdentity -Registry $other -Name 'other-pull' -ResourceGroupName $resourceGroup
            }
            $id = if ($Identity.StartsWith('#')) { Get-IdentityId $Identity.Substring(1) } else { $Identity }
            Clear-EmulatorLog -Emulator $emulator

            { New-AcrContainerInstance -Registry $registry -ResourceGroupName $resourceGroup -Name 'aci-refused' -Image $Image -PullIdentity $id -ErrorAction Stop } |
                Should -Throw -ErrorId "$ErrorId,AcrGeo.Commands.NewAcrContainerInstanceCommand"
            @(Get-EmulatorRequest -Emulator $emulator -Mutating).Count | Should -Be 0
            if ($NoRequest) { @(Get-EmulatorRequest -Emulator $emulator).Count | Should -Be 0 }
        }

        It 'waits while a new pull role propagates to the registry, then deploys' {
            $null = Invoke-EmulatorAdmin -Emulator $emulator -Path settings -Method Patch -Body @{ roleAssignmentPropagationDelaySeconds = 3 }
            try {
                $identity = New-AcrPullIdentity -Registry $registry -Name 'fresh-pull' -ResourceGroupName $resourceGroup
                Clear-EmulatorLog -Emulator $emulator

                $group = $identity | New-AcrContainerInstance -Name 'aci-fresh' -Image 'aci-helloworld:v1'

                $group.State | Should -Be 'Running'
                $pulls = Get-EmulatorPull -Emulator $emulator
                $pulls.Count | Should -BeGreaterThan 1 -Because 'the first pull came before the role reached the registry'
                $pulls[0].result | Should -Be 'IdentityHasNoPullRole'
                $pulls[-1].succeeded | Should -BeTrue
            }
            finally {
                $null = Invoke-EmulatorAdmin -Emulator $emulator -Path settings -Method Patch -Body @{ roleAssignmentPropagationDelaySeconds = 0 }
            }
        }

        It 'creates nothing with -WhatIf' {
            Clear-EmulatorLog -Emulator $emulator
            New-AcrContainerInstance -Registry $registry -ResourceGroupName $resourceGroup -Name 'aci-whatif' -Image 'aci-helloworld:v1' `
                -PullIdentity (Get-IdentityId 'aci-pull') -WhatIf

            @(Get-EmulatorRequest -Emulator $emulator -Mutating).Count | Should -Be 0
        }
    }

    Context 'Container control' {
        BeforeAll {
            $null = New-AcrContainerInstance -Registry $registry -ResourceGroupName $resourceGroup -Name 'aci-control' -Image 'aci-helloworld:v1' `
                -PullIdentity (Get-IdentityId 'aci-pull')
        }

        It 'stops, starts and restarts a group from the pipeline, each to its real state, pulling again on start and restart' {
            Clear-EmulatorLog -Emulator $emulator
            (Get-AcrContainerInstance -ResourceGroupName $resourceGroup -Name 'aci-control' | Stop-AcrContainerInstance -PassThru).State | Should -Be 'Stopped'
            (Get-AcrContainerInstance -ResourceGroupName $resourceGroup -Name 'aci-control').State | Should -Be 'Stopped'

            (Get-AcrContainerInstance -ResourceGroupName $resourceGroup -Name 'aci-control' | Start-AcrContainerInstance -PassThru).State | Should -Be 'Running'
            (Restart-AcrContainerInstance -ResourceGroupName $resourceGroup -Name 'aci-control' -PassThru).State | Should -Be 'Running'

            $pulls = Get-EmulatorPull -Emulator $emulator
            $pulls.Count | Should -Be 2
            $pulls | ForEach-Object { $_.succeeded | Should -BeTrue }
            $posts = @(Get-EmulatorRequest -Emulator $emulator -Mutating | ForEach-Object { ($_.path -split '/')[-1] })
            $posts -join ', ' | Should -Be 'stop, start, restart'
        }

        It 'shows the real state of every listed group: one list, then one read per group' {
            $null = Stop-AcrContainerInstance -ResourceGroupName $resourceGroup -Name 'aci-byid'
            Clear-EmulatorLog -Emulator $emulator

            $groups = @(Get-AcrContainerInstance -ResourceGroupName $resourceGroup)

            ($groups | Where-Object Name -eq 'aci-byid').State | Should -Be 'Stopped'
            ($groups | Where-Object Name -eq 'aci-control').State | Should -Be 'Running'
            $reads = @(Get-EmulatorRequest -Emulator $emulator | Where-Object path -like '*containerGroups*')
            $reads.Count | Should -Be ($groups.Count + 1)
        }

        It 'shows a group''s events only on request' {
            (Get-AcrContainerInstance -ResourceGroupName $resourceGroup -Name 'aci-control').Events | Should -BeNullOrEmpty
            $events = (Get-AcrContainerInstance -ResourceGroupName $resourceGroup -Name 'aci-control' -IncludeEvent).Events

            $events.Name | Should -Contain 'Pulled'
            $events.Name | Should -Contain 'Started'
            ($events | Where-Object Name -eq 'Pulled').Container | Should -Be 'aci-control'
            ($events | Format-Table | Out-String) | Should -Match 'Pulled'
        }

        It 'changes nothing with -WhatIf' {
            Clear-EmulatorLog -Emulator $emulator
            Get-AcrContainerInstance -ResourceGroupName $resourceGroup -Name 'aci-control' | Stop-AcrContainerInstance -WhatIf
            Restart-AcrContainerInstance -ResourceGroupName $resourceGroup -Name 'aci-control' -WhatIf

            @(Get-EmulatorRequest -Emulator $emulator -Mutating).Count | Should -Be 0
            (Get-AcrContainerInstance -ResourceGroupName $resourceGroup -Name 'aci-control').State | Should -Be 'Running'
        }

        It 'says which group is not there' {
            { Start-AcrContainerInstance -ResourceGroupName $resourceGroup -Name 'aci-nosuch' -ErrorAction Stop } |
                Should -Throw -ErrorId 'AcrGeo.ContainerInstanceNotFound,AcrGeo.Commands.StartAcrContainerInstanceCommand'
        }
    }

    Context 'Get-AcrPullIdentity and Remove-AcrPullIdentity' {
        It 'lists the identities with a pull role on the registry, each with the container groups that pull with it' {
            $listed = @(Get-AcrPullIdentity -Registry $registry)

            $listed.Name | Should -Contain 'aci-pull'
            $listed.Name | Should -Contain 'piped-pull'
            ($listed | Where-Object Name -eq 'aci-pull').ContainerInstances | Should -Contain "$resourceGroup/aci-secretless"
            ($listed | Where-Object Name -eq 'piped-pull').ContainerInstances | Should -BeNullOrEmpty
            ($listed | Format-Table | Out-String -Width 400) | Should -Match 'aci-secretless'
        }

        It 'refuses to remove an identity a container group pulls with, naming the group, and removes nothing' {
            Clear-EmulatorLog -Emulator $emulator
            $failure = $null
            try { Remove-AcrPullIdentity -Registry $registry -Name 'aci-pull' -ResourceGroupName $resourceGroup -Confirm:$false -ErrorAction Stop }
            catch { $failure = $_ }

            $failure.FullyQualifiedErrorId | Should -Be 'AcrGeo.PullIdentityInUse,AcrGeo.Commands.RemoveAcrPullIdentityCommand'
            "$failure" | Should -Match 'aci-secretless'
            @(Get-EmulatorRequest -Emulator $emulator -Mutating).Count | Should -Be 0
        }

        It 'removes nothing with -WhatIf' {
            Clear-EmulatorLog -Emulator $emulator
            Remove-AcrPullIdentity -Registry $registry -Name 'piped-pull' -ResourceGroupName $resourceGroup -WhatIf

            @(Get-EmulatorRequest -Emulator $emulator -Mutating).Count | Should -Be 0
        }

        It 'removes an identity piped from Get-AcrPullIdentity: its role on the registry, then the identity' {
            Clear-EmulatorLog -Emulator $emulator
            Get-AcrPullIdentity -Registry $registry -Name 'piped-pull' | Remove-AcrPullIdentity -Confirm:$false

            $writes = @(Get-EmulatorRequest -Emulator $emulator -Mutating)
            ($writes | ForEach-Object { "$($_.method) $(($_.path -split '/')[-2])" }) -join ', ' |
                Should -Be 'DELETE roleAssignments, DELETE userAssignedIdentities'
            { Get-AcrPullIdentity -Registry $registry -Name 'piped-pull' -ErrorAction Stop } |
                Should -Throw -ErrorId 'AcrGeo.PullIdentityNotFound,AcrGeo.Commands.GetAcrPullIdentityCommand'
            { Remove-AcrPullIdentity -Registry $registry -Name 'piped-pull' -ResourceGroupName $resourceGroup -Confirm:$false -ErrorAction Stop } |
                Should -Throw -ErrorId 'AcrGeo.PullIdentityNotFound,AcrGeo.Commands.RemoveAcrPullIdentityCommand'
        }
    }
}
