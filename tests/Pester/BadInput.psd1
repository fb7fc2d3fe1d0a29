# The bad-input corpus: every case runs through the built module against the emulator (tests/Pester/AcrGeo.BadInput.Tests.ps1),
# which asserts its error id, that no raw .NET exception surfaces, and that the emulator saw no request that changes anything.
# Script is PowerShell; {placeholders} name what the test sets up (see the test). ErrorId is the FullyQualifiedErrorId before
# its comma: AcrGeo.* from the module, or PowerShell's own binding id for closed sets, types and parameter sets.
# docs/reliability.md lists every case with its error (build.ps1 Reliability writes that section from this file).
@{
    Cases = @(
        @{ Cmdlet = 'New-AcrRegistry'; Case = 'name with a trailing newline'; ErrorId = 'AcrGeo.InvalidRegistryName'
           Script = 'New-AcrRegistry -Name "contoso`n" -ResourceGroupName {rg} -Location westus' }
        @{ Cmdlet = 'New-AcrRegistry'; Case = 'name with a trailing CR LF'; ErrorId = 'AcrGeo.InvalidRegistryName'
           Script = 'New-AcrRegistry -Name "contoso`r`n" -ResourceGroupName {rg} -Location westus' }
        @{ Cmdlet = 'New-AcrRegistry'; Case = 'name with a hyphen'; ErrorId = 'AcrGeo.InvalidRegistryName'
           Script = 'New-AcrRegistry -Name ''con-toso'' -ResourceGroupName {rg} -Location westus' }
        @{ Cmdlet = 'New-AcrRegistry'; Case = 'name with a space'; ErrorId = 'AcrGeo.InvalidRegistryName'
           Script = 'New-AcrRegistry -Name ''con toso'' -ResourceGroupName {rg} -Location westus' }
        @{ Cmdlet = 'New-AcrRegistry'; Case = 'name with four characters'; ErrorId = 'AcrGeo.InvalidRegistryName'
           Script = 'New-AcrRegistry -Name ''abcd'' -ResourceGroupName {rg} -Location westus' }
        @{ Cmdlet = 'New-AcrRegistry'; Case = 'name with 51 characters'; ErrorId = 'AcrGeo.InvalidRegistryName'
           Script = 'New-AcrRegistry -Name (''a'' * 51) -ResourceGroupName {rg} -Location westus' }
        @{ Cmdlet = 'New-AcrRegistry'; Case = 'name with a relative path'; ErrorId = 'AcrGeo.InvalidRegistryName'
           Script = 'New-AcrRegistry -Name ''../contoso'' -ResourceGroupName {rg} -Location westus' }
        @{ Cmdlet = 'New-AcrRegistry'; Case = 'name with a query string'; ErrorId = 'AcrGeo.InvalidRegistryName'
           Script = 'New-AcrRegistry -Name ''contoso?api-version=1'' -ResourceGroupName {rg} -Location westus' }
        @{ Cmdlet = 'New-AcrRegistry'; Case = 'name with a fragment'; ErrorId = 'AcrGeo.InvalidRegistryName'
           Script = 'New-AcrRegistry -Name ''contoso#x'' -ResourceGroupName {rg} -Location westus' }
        @{ Cmdlet = 'New-AcrRegistry'; Case = 'name with an escaped slash'; ErrorId = 'AcrGeo.InvalidRegistryName'
           Script = 'New-AcrRegistry -Name ''contoso%2fx'' -ResourceGroupName {rg} -Location westus' }
        @{ Cmdlet = 'New-AcrRegistry'; Case = 'name with Cyrillic look-alike letters'; ErrorId = 'AcrGeo.InvalidRegistryName'
           Script = 'New-AcrRegistry -Name ''соntoso'' -ResourceGroupName {rg} -Location westus' }
        @{ Cmdlet = 'New-AcrRegistry'; Case = 'name with a NUL character'; ErrorId = 'AcrGeo.InvalidRegistryName'
           Script = 'New-AcrRegistry -Name "contoso`0" -ResourceGroupName {rg} -Location westus' }
        @{ Cmdlet = 'New-AcrRegistry'; Case = 'name with full-width letters'; ErrorId = 'AcrGeo.InvalidRegistryName'
           Script = 'New-AcrRegistry -Name ''ｃｏｎｔｏｓｏ'' -ResourceGroupName {rg} -Location westus' }
        @{ Cmdlet = 'New-AcrRegistry'; Case = 'name with a right-to-left override'; ErrorId = 'AcrGeo.InvalidRegistryName'
           Script = 'New-AcrRegistry -Name "contoso`u{202E}x" -ResourceGroupName {rg} -Location westus' }
        @{ Cmdlet = 'New-AcrRegistry'; Case = 'name with a quote and SQL'; ErrorId = 'AcrGeo.InvalidRegistryName'
           Script = 'New-AcrRegistry -Name "contoso'';DROP" -ResourceGroupName {rg} -Location westus' }
        @{ Cmdlet = 'New-AcrRegistry'; Case = 'name with a subexpression as text'; ErrorId = 'AcrGeo.InvalidRegistryName'
           Script = 'New-AcrRegistry -Name ''$(whoami)'' -ResourceGroupName {rg} -Location westus' }
        @{ Cmdlet = 'New-AcrReplica'; Case = 'registry name with a trailing newline'; ErrorId = 'AcrGeo.InvalidRegistryName'
           Script = 'New-AcrReplica -Registry "contoso`n" -Location japaneast' }
        @{ Cmdlet = 'New-AcrReplica'; Case = 'registry name with a relative path'; ErrorId = 'AcrGeo.InvalidRegistryName'
           Script = 'New-AcrReplica -Registry ''../contoso'' -Location japaneast' }
        @{ Cmdlet = 'Get-AcrReplica'; Case = 'registry name with a trailing newline'; ErrorId = 'AcrGeo.InvalidRegistryName'
           Script = 'Get-AcrReplica -Registry "contoso`n"' }
        @{ Cmdlet = 'Get-AcrReplica'; Case = 'registry name with a relative path'; ErrorId = 'AcrGeo.InvalidRegistryName'
           Script = 'Get-AcrReplica -Registry ''../contoso''' }
        @{ Cmdlet = 'Remove-AcrReplica'; Case = 'registry name with a trailing newline'; ErrorId = 'AcrGeo.InvalidRegistryName'
           Script = 'Remove-AcrReplica -Registry "contoso`n" -Name japaneast -Confirm:$false' }
        @{ Cmdlet = 'Remove-AcrReplica'; Case = 'registry name with a relative path'; ErrorId = 'AcrGeo.InvalidRegistryName'
           Script = 'Remove-AcrReplica -Registry ''../contoso'' -Name japaneast -Confirm:$false' }
        @{ Cmdlet = 'Wait-AcrReplica'; Case = 'registry name with a trailing newline'; ErrorId = 'AcrGeo.InvalidRegistryName'
           Script = 'Wait-AcrReplica -Registry "contoso`n" -TimeoutSeconds 5' }
        @{ Cmdlet = 'Wait-AcrReplica'; Case = 'registry name with a relative path'; ErrorId = 'AcrGeo.InvalidRegistryName'
           Script = 'Wait-AcrReplica -Registry ''../contoso'' -TimeoutSeconds 5' }
        @{ Cmdlet = 'Get-AcrRegion'; Case = 'registry name with a trailing newline'; ErrorId = 'AcrGeo.InvalidRegistryName'
           Script = 'Get-AcrRegion -Registry "contoso`n"' }
        @{ Cmdlet = 'Get-AcrRegion'; Case = 'registry name with a relative path'; ErrorId = 'AcrGeo.InvalidRegistryName'
           Script = 'Get-AcrRegion -Registry ''../contoso''' }
        @{ Cmdlet = 'Set-AcrRegistry'; Case = 'registry name with a trailing newline'; ErrorId = 'AcrGeo.InvalidRegistryName'
           Script = 'Set-AcrRegistry -Registry "contoso`n" -Sku Premium' }
        @{ Cmdlet = 'Set-AcrRegistry'; Case = 'registry name with a relative path'; ErrorId = 'AcrGeo.InvalidRegistryName'
           Script = 'Set-AcrRegistry -Registry ''../contoso'' -Sku Premium' }
        @{ Cmdlet = 'Get-AcrWebhook'; Case = 'registry name with a trailing newline'; ErrorId = 'AcrGeo.InvalidRegistryName'
           Script = 'Get-AcrWebhook -Registry "contoso`n"' }
        @{ Cmdlet = 'Get-AcrWebhook'; Case = 'registry name with a relative path'; ErrorId = 'AcrGeo.InvalidRegistryName'
           Script = 'Get-AcrWebhook -Registry ''../contoso''' }
        @{ Cmdlet = 'New-AcrWebhook'; Case = 'registry name with a trailing newline'; ErrorId = 'AcrGeo.InvalidRegistryName'
           Script = 'New-AcrWebhook -Registry "contoso`n" -Name hookone -ServiceUri ''https://example.test/hook''' }
        @{ Cmdlet = 'New-AcrWebhook'; Case = 'registry name with a relative path'; ErrorId = 'AcrGeo.InvalidRegistryName'
           Script = 'New-AcrWebhook -Registry ''../contoso'' -Name hookone -ServiceUri ''https://example.test/hook''' }
        @{ Cmdlet = 'Remove-AcrWebhook'; Case = 'registry name with a trailing newline'; ErrorId = 'AcrGeo.InvalidRegistryName'
           Script = 'Remove-AcrWebhook -Registry "contoso`n" -Name hookone -Confirm:$false' }
        @{ Cmdlet = 'Remove-AcrWebhook'; Case = 'registry name with a relative path'; ErrorId = 'AcrGeo.InvalidRegistryName'
           Script = 'Remove-AcrWebhook -Registry ''../contoso'' -Name hookone -Confirm:$false' }
        @{ Cmdlet = 'Get-AcrImage'; Case = 'registry name with a trailing newline'; ErrorId = 'AcrGeo.InvalidRegistryName'
           Script = 'Get-AcrImage -Registry "contoso`n"' }
        @{ Cmdlet = 'Get-AcrImage'; Case = 'registry name with a relative path'; ErrorId = 'AcrGeo.InvalidRegistryName'
           Script = 'Get-AcrImage -Registry ''../contoso''' }
        @{ Cmdlet = 'Import-AcrImage'; Case = 'registry name with a trailing newline'; ErrorId = 'AcrGeo.InvalidRegistryName'
           Script = 'Import-AcrImage -Registry "contoso`n" -Source mcr.microsoft.com/hello-world:latest' }
        @{ Cmdlet = 'Import-AcrImage'; Case = 'registry name with a relative path'; ErrorId = 'AcrGeo.InvalidRegistryName'
           Script = 'Import-AcrImage -Registry ''../contoso'' -Source mcr.microsoft.com/hello-world:latest' }
        @{ Cmdlet = 'Get-AcrPullCredential'; Case = 'registry name with a trailing newline'; ErrorId = 'AcrGeo.InvalidRegistryName'
           Script = 'Get-AcrPullCredential -Registry "contoso`n" -VaultName {vault}' }
        @{ Cmdlet = 'Get-AcrPullCredential'; Case = 'registry name with a relative path'; ErrorId = 'AcrGeo.InvalidRegistryName'
           Script = 'Get-AcrPullCredential -Registry ''../contoso'' -VaultName {vault}' }
        @{ Cmdlet = 'Get-AcrPullPrincipal'; Case = 'registry name with a trailing newline'; ErrorId = 'AcrGeo.InvalidRegistryName'
           Script = 'Get-AcrPullPrincipal -Registry "contoso`n"' }
        @{ Cmdlet = 'Get-AcrPullPrincipal'; Case = 'registry name with a relative path'; ErrorId = 'AcrGeo.InvalidRegistryName'
           Script = 'Get-AcrPullPrincipal -Registry ''../contoso''' }
        @{ Cmdlet = 'New-AcrPullPrincipal'; Case = 'registry name with a trailing newline'; ErrorId = 'AcrGeo.InvalidRegistryName'
           Script = 'New-AcrPullPrincipal -Registry "contoso`n" -VaultName {vault}' }
        @{ Cmdlet = 'New-AcrPullPrincipal'; Case = 'registry name with a relative path'; ErrorId = 'AcrGeo.InvalidRegistryName'
           Script = 'New-AcrPullPrincipal -Registry ''../contoso'' -VaultName {vault}' }
        @{ Cmdlet = 'Remove-AcrPullPrincipal'; Case = 'registry name with a trailing newline'; ErrorId = 'AcrGeo.InvalidRegistryName'
           Script = 'Remove-AcrPullPrincipal -Registry "contoso`n" -VaultName {vault} -Confirm:$false' }
        @{ Cmdlet = 'Remove-AcrPullPrincipal'; Case = 'registry name with a relative path'; ErrorId = 'AcrGeo.InvalidRegistryName'
           Script = 'Remove-AcrPullPrincipal -Registry ''../contoso'' -VaultName {vault} -Confirm:$false' }
        @{ Cmdlet = 'Reset-AcrPullPrincipalCredential'; Case = 'registry name with a trailing newline'; ErrorId = 'AcrGeo.InvalidRegistryName'
           Script = 'Reset-AcrPullPrincipalCredential -Registry "contoso`n" -VaultName {vault}' }
        @{ Cmdlet = 'Reset-AcrPullPrincipalCredential'; Case = 'registry name with a relative path'; ErrorId = 'AcrGeo.InvalidRegistryName'
           Script = 'Reset-AcrPullPrincipalCredential -Registry ''../contoso'' -VaultName {vault}' }
        @{ Cmdlet = 'New-AcrContainerInstance'; Case = 'registry name with a trailing newline'; ErrorId = 'AcrGeo.InvalidRegistryName'
           Script = 'New-AcrContainerInstance -Registry "contoso`n" -ResourceGroupName {rg} -Name aci-demo -Image aci-helloworld:v1 -VaultName {vault}' }
        @{ Cmdlet = 'New-AcrContainerInstance'; Case = 'registry name with a relative path'; ErrorId = 'AcrGeo.InvalidRegistryName'
           Script = 'New-AcrContainerInstance -Registry ''../contoso'' -ResourceGroupName {rg} -Name aci-demo -Image aci-helloworld:v1 -VaultName {vault}' }
        @{ Cmdlet = 'Get-AcrRegistry'; Case = 'name with a trailing newline'; ErrorId = 'AcrGeo.InvalidRegistryName'
           Script = 'Get-AcrRegistry -Name "contoso`n"' }
        @{ Cmdlet = 'Get-AcrRegistry'; Case = 'name with a hyphen'; ErrorId = 'AcrGeo.InvalidRegistryName'
           Script = 'Get-AcrRegistry -Name ''con-toso''' }
        @{ Cmdlet = 'Get-AcrRegistry'; Case = 'name with a relative path'; ErrorId = 'AcrGeo.InvalidRegistryName'
           Script = 'Get-AcrRegistry -Name ''../contoso''' }
        @{ Cmdlet = 'Get-AcrRegistry'; Case = 'resource group with a slash'; ErrorId = 'AcrGeo.InvalidResourceGroupName'
           Script = 'Get-AcrRegistry -ResourceGroupName ''rg/../x''' }
        @{ Cmdlet = 'New-AcrRegistry'; Case = 'resource group with a space'; ErrorId = 'AcrGeo.InvalidResourceGroupName'
           Script = 'New-AcrRegistry -Name contosobad1 -ResourceGroupName ''my group'' -Location westus -CreateResourceGroup' }
        @{ Cmdlet = 'New-AcrRegistry'; Case = 'resource group with a trailing period'; ErrorId = 'AcrGeo.InvalidResourceGroupName'
           Script = 'New-AcrRegistry -Name contosobad1 -ResourceGroupName ''group.'' -Location westus -CreateResourceGroup' }
        @{ Cmdlet = 'New-AcrRegistry'; Case = 'resource group with a slash'; ErrorId = 'AcrGeo.InvalidResourceGroupName'
           Script = 'New-AcrRegistry -Name contosobad1 -ResourceGroupName ''rg/x'' -Location westus -CreateResourceGroup' }
        @{ Cmdlet = 'New-AcrRegistry'; Case = 'resource group with a query string'; ErrorId = 'AcrGeo.InvalidResourceGroupName'
           Script = 'New-AcrRegistry -Name contosobad1 -ResourceGroupName ''rg?x=1'' -Location westus -CreateResourceGroup' }
        @{ Cmdlet = 'New-AcrRegistry'; Case = 'resource group with a fragment'; ErrorId = 'AcrGeo.InvalidResourceGroupName'
           Script = 'New-AcrRegistry -Name contosobad1 -ResourceGroupName ''rg#x'' -Location westus -CreateResourceGroup' }
        @{ Cmdlet = 'New-AcrRegistry'; Case = 'resource group with a trailing newline'; ErrorId = 'AcrGeo.InvalidResourceGroupName'
           Script = 'New-AcrRegistry -Name contosobad1 -ResourceGroupName "rg`n" -Location westus -CreateResourceGroup' }
        @{ Cmdlet = 'New-AcrRegistry'; Case = 'resource group with 91 characters'; ErrorId = 'AcrGeo.InvalidResourceGroupName'
           Script = 'New-AcrRegistry -Name contosobad1 -ResourceGroupName (''g'' * 91) -Location westus -CreateResourceGroup' }
        @{ Cmdlet = 'New-AcrRegistry'; Case = 'resource group with a relative path'; ErrorId = 'AcrGeo.InvalidResourceGroupName'
           Script = 'New-AcrRegistry -Name contosobad1 -ResourceGroupName ''..'' -Location westus -CreateResourceGroup' }
        @{ Cmdlet = 'New-AcrRegistry'; Case = 'resource group with a percent sign'; ErrorId = 'AcrGeo.InvalidResourceGroupName'
           Script = 'New-AcrRegistry -Name contosobad1 -ResourceGroupName ''rg%2e%2e'' -Location westus -CreateResourceGroup' }
        @{ Cmdlet = 'New-AcrRegistry'; Case = 'resource group with a NUL character'; ErrorId = 'AcrGeo.InvalidResourceGroupName'
           Script = 'New-AcrRegistry -Name contosobad1 -ResourceGroupName "rg`0x" -Location westus -CreateResourceGroup' }
        @{ Cmdlet = 'New-AcrKeyVault'; Case = 'resource group with a space'; ErrorId = 'AcrGeo.InvalidResourceGroupName'
           Script = 'New-AcrKeyVault -Name kv-bad-one -ResourceGroupName ''my group'' -Location westus -CreateResourceGroup' }
        @{ Cmdlet = 'New-AcrKeyVault'; Case = 'resource group with a trailing period'; ErrorId = 'AcrGeo.InvalidResourceGroupName'
           Script = 'New-AcrKeyVault -Name kv-bad-one -ResourceGroupName ''group.'' -Location westus -CreateResourceGroup' }
        @{ Cmdlet = 'New-AcrKeyVault'; Case = 'resource group with a slash'; ErrorId = 'AcrGeo.InvalidResourceGroupName'
           Script = 'New-AcrKeyVault -Name kv-bad-one -ResourceGroupName ''rg/x'' -Location westus -CreateResourceGroup' }
        @{ Cmdlet = 'New-AcrContainerInstance'; Case = 'resource group with a space'; ErrorId = 'AcrGeo.InvalidResourceGroupName'
           Script = 'New-AcrContainerInstance -Registry {registry} -ResourceGroupName ''my group'' -Name aci-demo -Image aci-helloworld:v1 -VaultName {vault}' }
        @{ Cmdlet = 'New-AcrContainerInstance'; Case = 'resource group with a trailing period'; ErrorId = 'AcrGeo.InvalidResourceGroupName'
           Script = 'New-AcrContainerInstance -Registry {registry} -ResourceGroupName ''group.'' -Name aci-demo -Image aci-helloworld:v1 -VaultName {vault}' }
        @{ Cmdlet = 'Remove-AcrContainerInstance'; Case = 'resource group with a space'; ErrorId = 'AcrGeo.InvalidResourceGroupName'
           Script = 'Remove-AcrContainerInstance -ResourceGroupName ''my group'' -Name aci-demo -Confirm:$false' }
        @{ Cmdlet = 'Get-AcrContainerInstance'; Case = 'resource group with a space'; ErrorId = 'AcrGeo.InvalidResourceGroupName'
           Script = 'Get-AcrContainerInstance -ResourceGroupName ''my group''' }
        @{ Cmdlet = 'Get-AcrContainerInstanceLog'; Case = 'resource group with a space'; ErrorId = 'AcrGeo.InvalidResourceGroupName'
           Script = 'Get-AcrContainerInstanceLog -ResourceGroupName ''my group'' -Name aci-demo' }
        @{ Cmdlet = 'Export-AcrContainerInstanceTemplate'; Case = 'resource group with a space'; ErrorId = 'AcrGeo.InvalidResourceGroupName'
           Script = 'Export-AcrContainerInstanceTemplate -ResourceGroupName ''my group'' -Name aci-demo -VaultName {vault} -Path {tempDir}' }
        @{ Cmdlet = 'Remove-AcrContainerInstance'; Case = 'resource group with a trailing period'; ErrorId = 'AcrGeo.InvalidResourceGroupName'
           Script = 'Remove-AcrContainerInstance -ResourceGroupName ''group.'' -Name aci-demo -Confirm:$false' }
        @{ Cmdlet = 'Get-AcrContainerInstance'; Case = 'resource group with a trailing period'; ErrorId = 'AcrGeo.InvalidResourceGroupName'
           Script = 'Get-AcrContainerInstance -ResourceGroupName ''group.''' }
        @{ Cmdlet = 'Get-AcrContainerInstanceLog'; Case = 'resource group with a trailing period'; ErrorId = 'AcrGeo.InvalidResourceGroupName'
           Script = 'Get-AcrContainerInstanceLog -ResourceGroupName ''group.'' -Name aci-demo' }
        @{ Cmdlet = 'Export-AcrContainerInstanceTemplate'; Case = 'resource group with a trailing period'; ErrorId = 'AcrGeo.InvalidResourceGroupName'
           Script = 'Export-AcrContainerInstanceTemplate -ResourceGroupName ''group.'' -Name aci-demo -VaultName {vault} -Path {tempDir}' }
        @{ Cmdlet = 'New-AcrRegistry'; Case = 'location with a slash'; ErrorId = 'AcrGeo.InvalidRegionName'
           Script = 'New-AcrRegistry -Name contosobad2 -ResourceGroupName {rg} -Location ''west/us''' }
        @{ Cmdlet = 'New-AcrReplica'; Case = 'location with a slash'; ErrorId = 'AcrGeo.InvalidRegionName'
           Script = 'New-AcrReplica -Registry {registry} -Location ''west/us''' }
        @{ Cmdlet = 'New-AcrRegistry'; Case = 'location with a trailing newline'; ErrorId = 'AcrGeo.InvalidRegionName'
           Script = 'New-AcrRegistry -Name contosobad2 -ResourceGroupName {rg} -Location "westus`n"' }
        @{ Cmdlet = 'New-AcrReplica'; Case = 'location with a trailing newline'; ErrorId = 'AcrGeo.InvalidRegionName'
           Script = 'New-AcrReplica -Registry {registry} -Location "westus`n"' }
        @{ Cmdlet = 'New-AcrRegistry'; Case = 'location with a hyphen'; ErrorId = 'AcrGeo.InvalidRegionName'
           Script = 'New-AcrRegistry -Name contosobad2 -ResourceGroupName {rg} -Location ''west-us''' }
        @{ Cmdlet = 'New-AcrReplica'; Case = 'location with a hyphen'; ErrorId = 'AcrGeo.InvalidRegionName'
           Script = 'New-AcrReplica -Registry {registry} -Location ''west-us''' }
        @{ Cmdlet = 'New-AcrRegistry'; Case = 'location with a query string'; ErrorId = 'AcrGeo.InvalidRegionName'
           Script = 'New-AcrRegistry -Name contosobad2 -ResourceGroupName {rg} -Location ''westus?x''' }
        @{ Cmdlet = 'New-AcrReplica'; Case = 'location with a query string'; ErrorId = 'AcrGeo.InvalidRegionName'
           Script = 'New-AcrReplica -Registry {registry} -Location ''westus?x''' }
        @{ Cmdlet = 'New-AcrRegistry'; Case = 'location with 65 characters'; ErrorId = 'AcrGeo.InvalidRegionName'
           Script = 'New-AcrRegistry -Name contosobad2 -ResourceGroupName {rg} -Location (''w'' * 65)' }
        @{ Cmdlet = 'New-AcrReplica'; Case = 'location with 65 characters'; ErrorId = 'AcrGeo.InvalidRegionName'
           Script = 'New-AcrReplica -Registry {registry} -Location (''w'' * 65)' }
        @{ Cmdlet = 'New-AcrKeyVault'; Case = 'location with a slash'; ErrorId = 'AcrGeo.InvalidRegionName'
           Script = 'New-AcrKeyVault -Name kv-bad-two -ResourceGroupName {rg} -Location ''west/us''' }
        @{ Cmdlet = 'New-AcrWebhook'; Case = 'location with a slash'; ErrorId = 'AcrGeo.InvalidRegionName'
           Script = 'New-AcrWebhook -Registry {registry} -Name hooktwo -ServiceUri ''https://example.test/h'' -Location ''west/us''' }
        @{ Cmdlet = 'New-AcrContainerInstance'; Case = 'location with a slash'; ErrorId = 'AcrGeo.InvalidRegionName'
           Script = 'New-AcrContainerInstance -Registry {registry} -ResourceGroupName {rg} -Name aci-demo -Image aci-helloworld:v1 -VaultName {vault} -Location ''west/us''' }
        @{ Cmdlet = 'New-AcrKeyVault'; Case = 'location with a trailing newline'; ErrorId = 'AcrGeo.InvalidRegionName'
           Script = 'New-AcrKeyVault -Name kv-bad-two -ResourceGroupName {rg} -Location "westus`n"' }
        @{ Cmdlet = 'New-AcrWebhook'; Case = 'location with a trailing newline'; ErrorId = 'AcrGeo.InvalidRegionName'
           Script = 'New-AcrWebhook -Registry {registry} -Name hooktwo -ServiceUri ''https://example.test/h'' -Location "westus`n"' }
        @{ Cmdlet = 'New-AcrContainerInstance'; Case = 'location with a trailing newline'; ErrorId = 'AcrGeo.InvalidRegionName'
           Script = 'New-AcrContainerInstance -Registry {registry} -ResourceGroupName {rg} -Name aci-demo -Image aci-helloworld:v1 -VaultName {vault} -Location "westus`n"' }
        @{ Cmdlet = 'New-AcrKeyVault'; Case = 'location with a hyphen'; ErrorId = 'AcrGeo.InvalidRegionName'
           Script = 'New-AcrKeyVault -Name kv-bad-two -ResourceGroupName {rg} -Location ''west-us''' }
        @{ Cmdlet = 'New-AcrWebhook'; Case = 'location with a hyphen'; ErrorId = 'AcrGeo.InvalidRegionName'
           Script = 'New-AcrWebhook -Registry {registry} -Name hooktwo -ServiceUri ''https://example.test/h'' -Location ''west-us''' }
        @{ Cmdlet = 'New-AcrContainerInstance'; Case = 'location with a hyphen'; ErrorId = 'AcrGeo.InvalidRegionName'
           Script = 'New-AcrContainerInstance -Registry {registry} -ResourceGroupName {rg} -Name aci-demo -Image aci-helloworld:v1 -VaultName {vault} -Location ''west-us''' }
        @{ Cmdlet = 'New-AcrRegistry'; Case = 'an unknown region'; ErrorId = 'AcrGeo.UnknownRegion'
           Script = 'New-AcrRegistry -Name contosobad3 -ResourceGroupName {rg} -Location atlantis' }
        @{ Cmdlet = 'New-AcrRegistry'; Case = 'a region without Container Registry'; ErrorId = 'AcrGeo.RegionUnavailable'
           Script = 'New-AcrRegistry -Name contosobad3 -ResourceGroupName {rg} -Location germanynorth' }
        @{ Cmdlet = 'New-AcrReplica'; Case = 'an unknown region'; ErrorId = 'AcrGeo.UnknownRegion'
           Script = 'New-AcrReplica -Registry {registry} -Location atlantis' }
        @{ Cmdlet = 'New-AcrReplica'; Case = 'a region without Container Registry'; ErrorId = 'AcrGeo.RegionUnavailable'
           Script = 'New-AcrReplica -Registry {registry} -Location germanynorth' }
        @{ Cmdlet = 'New-AcrReplica'; Case = 'the home region'; ErrorId = 'AcrGeo.HomeRegionReplica'
           Script = 'New-AcrReplica -Registry {registry} -Location westus' }
        @{ Cmdlet = 'New-AcrReplica'; Case = 'the home region by display name'; ErrorId = 'AcrGeo.HomeRegionReplica'
           Script = 'New-AcrReplica -Registry {registry} -Location ''West US''' }
        @{ Cmdlet = 'New-AcrReplica'; Case = 'a Basic registry without -UpgradeSku'; ErrorId = 'AcrGeo.PremiumSkuRequired'
           Script = 'New-AcrReplica -Registry {basic} -Location eastus' }
        @{ Cmdlet = 'New-AcrKeyVault'; Case = 'a region without Key Vault'; ErrorId = 'AcrGeo.KeyVaultRegionUnavailable'
           Script = 'New-AcrKeyVault -Name kv-bad-three -ResourceGroupName {rg} -Location germanynorth' }
        @{ Cmdlet = 'New-AcrKeyVault'; Case = 'an unknown region'; ErrorId = 'AcrGeo.UnknownRegion'
           Script = 'New-AcrKeyVault -Name kv-bad-three -ResourceGroupName {rg} -Location atlantis' }
        @{ Cmdlet = 'New-AcrWebhook'; Case = 'a region without a replica'; ErrorId = 'AcrGeo.WebhookRegionNotReplicated'
           Script = 'New-AcrWebhook -Registry {registry} -Name hookthree -ServiceUri ''https://example.test/h'' -Location canadacentral' }
        @{ Cmdlet = 'New-AcrContainerInstance'; Case = 'an unknown region'; ErrorId = 'AcrGeo.UnknownRegion'
           Script = 'New-AcrContainerInstance -Registry {registry} -ResourceGroupName {rg} -Name aci-demo -Image aci-helloworld:v1 -VaultName {vault} -Location atlantis' }
        @{ Cmdlet = 'New-AcrRegistry'; Case = 'a name taken in another resource group'; ErrorId = 'AcrGeo.RegistryNameNotAvailable'
           Script = 'New-AcrRegistry -Name {registry} -ResourceGroupName {otherRg} -Location westus' }
        @{ Cmdlet = 'New-AcrRegistry'; Case = 'a name taken, with -CreateResourceGroup'; ErrorId = 'AcrGeo.RegistryNameNotAvailable'
           Script = 'New-AcrRegistry -Name {registry} -ResourceGroupName {missingRg} -Location westus -CreateResourceGroup' }
        @{ Cmdlet = 'New-AcrRegistry'; Case = 'a missing resource group'; ErrorId = 'AcrGeo.ResourceGroupNotFound'
           Script = 'New-AcrRegistry -Name contosobad4 -ResourceGroupName {missingRg} -Location westus' }
        @{ Cmdlet = 'New-AcrKeyVault'; Case = 'a missing resource group'; ErrorId = 'AcrGeo.ResourceGroupNotFound'
           Script = 'New-AcrKeyVault -Name kv-bad-four -ResourceGroupName {missingRg} -Location westus' }
        @{ Cmdlet = 'New-AcrKeyVault'; Case = 'a vault name taken in another group'; ErrorId = 'AcrGeo.VaultNameNotAvailable'
           Script = 'New-AcrKeyVault -Name {vault} -ResourceGroupName {otherRg} -Location westus' }
        @{ Cmdlet = 'New-AcrContainerInstance'; Case = 'a missing resource group'; ErrorId = 'AcrGeo.ResourceGroupNotFound'
           Script = 'New-AcrContainerInstance -Registry {registry} -ResourceGroupName {missingRg} -Name aci-demo -Image aci-helloworld:v1 -VaultName {vault}' }
        @{ Cmdlet = 'New-AcrRegistry'; Case = 'tag with <'; ErrorId = 'AcrGeo.InvalidTag'
           Script = 'New-AcrRegistry -Name contosobad5 -ResourceGroupName {missingRg} -Location westus -CreateResourceGroup -Tag @{ ''a<b'' = ''x'' }' }
        @{ Cmdlet = 'New-AcrRegistry'; Case = 'tag with >'; ErrorId = 'AcrGeo.InvalidTag'
           Script = 'New-AcrRegistry -Name contosobad5 -ResourceGroupName {missingRg} -Location westus -CreateResourceGroup -Tag @{ ''a>b'' = ''x'' }' }
        @{ Cmdlet = 'New-AcrRegistry'; Case = 'tag with %'; ErrorId = 'AcrGeo.InvalidTag'
           Script = 'New-AcrRegistry -Name contosobad5 -ResourceGroupName {missingRg} -Location westus -CreateResourceGroup -Tag @{ ''a%b'' = ''x'' }' }
        @{ Cmdlet = 'New-AcrRegistry'; Case = 'tag with &'; ErrorId = 'AcrGeo.InvalidTag'
           Script = 'New-AcrRegistry -Name contosobad5 -ResourceGroupName {missingRg} -Location westus -CreateResourceGroup -Tag @{ ''a&b'' = ''x'' }' }
        @{ Cmdlet = 'New-AcrRegistry'; Case = 'tag with \'; ErrorId = 'AcrGeo.InvalidTag'
           Script = 'New-AcrRegistry -Name contosobad5 -ResourceGroupName {missingRg} -Location westus -CreateResourceGroup -Tag @{ ''a\b'' = ''x'' }' }
        @{ Cmdlet = 'New-AcrRegistry'; Case = 'tag with ?'; ErrorId = 'AcrGeo.InvalidTag'
           Script = 'New-AcrRegistry -Name contosobad5 -ResourceGroupName {missingRg} -Location westus -CreateResourceGroup -Tag @{ ''a?b'' = ''x'' }' }
        @{ Cmdlet = 'New-AcrRegistry'; Case = 'tag with /'; ErrorId = 'AcrGeo.InvalidTag'
           Script = 'New-AcrRegistry -Name contosobad5 -ResourceGroupName {missingRg} -Location westus -CreateResourceGroup -Tag @{ ''a/b'' = ''x'' }' }
        @{ Cmdlet = 'New-AcrRegistry'; Case = 'tag with an empty name'; ErrorId = 'AcrGeo.InvalidTag'
           Script = 'New-AcrRegistry -Name contosobad5 -ResourceGroupName {missingRg} -Location westus -CreateResourceGroup -Tag @{ '''' = ''x'' }' }
        @{ Cmdlet = 'New-AcrRegistry'; Case = 'tag with a name of 513 characters'; ErrorId = 'AcrGeo.InvalidTag'
           Script = 'New-AcrRegistry -Name contosobad5 -ResourceGroupName {missingRg} -Location westus -CreateResourceGroup -Tag @{ (''n'' * 513) = ''x'' }' }
        @{ Cmdlet = 'New-AcrRegistry'; Case = 'tag with a value of 257 characters'; ErrorId = 'AcrGeo.InvalidTag'
           Script = 'New-AcrRegistry -Name contosobad5 -ResourceGroupName {missingRg} -Location westus -CreateResourceGroup -Tag @{ env = (''v'' * 257) }' }
        @{ Cmdlet = 'New-AcrRegistry'; Case = 'tag with 51 tags'; ErrorId = 'AcrGeo.InvalidTag'
           Script = 'New-AcrRegistry -Name contosobad5 -ResourceGroupName {missingRg} -Location westus -CreateResourceGroup -Tag (1..51 | ForEach-Object -Begin { $t = @{} } -Process { $t["t$_"] = ''v'' } -End { $t })' }
        @{ Cmdlet = 'New-AcrRegistry'; Case = 'tag with a newline in the name'; ErrorId = 'AcrGeo.InvalidTag'
           Script = 'New-AcrRegistry -Name contosobad5 -ResourceGroupName {missingRg} -Location westus -CreateResourceGroup -Tag @{ "env`n" = ''x'' }' }
        @{ Cmdlet = 'Set-AcrRegistry'; Case = 'tag with <'; ErrorId = 'AcrGeo.InvalidTag'
           Script = 'Set-AcrRegistry -Registry {registry} -Tag @{ ''a<b'' = ''x'' }' }
        @{ Cmdlet = 'Set-AcrRegistry'; Case = 'tag with >'; ErrorId = 'AcrGeo.InvalidTag'
           Script = 'Set-AcrRegistry -Registry {registry} -Tag @{ ''a>b'' = ''x'' }' }
        @{ Cmdlet = 'Set-AcrRegistry'; Case = 'tag with %'; ErrorId = 'AcrGeo.InvalidTag'
           Script = 'Set-AcrRegistry -Registry {registry} -Tag @{ ''a%b'' = ''x'' }' }
        @{ Cmdlet = 'New-AcrReplica'; Case = 'tag with /'; ErrorId = 'AcrGeo.InvalidTag'
           Script = 'New-AcrReplica -Registry {registry} -Location canadacentral -Tag @{ ''a/b'' = ''x'' }' }
        @{ Cmdlet = 'New-AcrWebhook'; Case = 'tag with /'; ErrorId = 'AcrGeo.InvalidTag'
           Script = 'New-AcrWebhook -Registry {registry} -Name hookfour -ServiceUri ''https://example.test/h'' -Tag @{ ''a/b'' = ''x'' }' }
        @{ Cmdlet = 'New-AcrReplica'; Case = 'tag with an empty name'; ErrorId = 'AcrGeo.InvalidTag'
           Script = 'New-AcrReplica -Registry {registry} -Location canadacentral -Tag @{ '''' = ''x'' }' }
        @{ Cmdlet = 'New-AcrWebhook'; Case = 'tag with an empty name'; ErrorId = 'AcrGeo.InvalidTag'
           Script = 'New-AcrWebhook -Registry {registry} -Name hookfour -ServiceUri ''https://example.test/h'' -Tag @{ '''' = ''x'' }' }
        @{ Cmdlet = 'New-AcrWebhook'; Case = 'name with a trailing newline'; ErrorId = 'AcrGeo.InvalidWebhookName'
           Script = 'New-AcrWebhook -Registry {registry} -Name "contoso`n" -ServiceUri ''https://example.test/h''' }
        @{ Cmdlet = 'New-AcrWebhook'; Case = 'name with a hyphen'; ErrorId = 'AcrGeo.InvalidWebhookName'
           Script = 'New-AcrWebhook -Registry {registry} -Name ''con-toso'' -ServiceUri ''https://example.test/h''' }
        @{ Cmdlet = 'New-AcrWebhook'; Case = 'name with a relative path'; ErrorId = 'AcrGeo.InvalidWebhookName'
           Script = 'New-AcrWebhook -Registry {registry} -Name ''../contoso'' -ServiceUri ''https://example.test/h''' }
        @{ Cmdlet = 'New-AcrWebhook'; Case = 'name with a query string'; ErrorId = 'AcrGeo.InvalidWebhookName'
           Script = 'New-AcrWebhook -Registry {registry} -Name ''contoso?api-version=1'' -ServiceUri ''https://example.test/h''' }
        @{ Cmdlet = 'New-AcrWebhook'; Case = 'name with four characters'; ErrorId = 'AcrGeo.InvalidWebhookName'
           Script = 'New-AcrWebhook -Registry {registry} -Name ''abcd'' -ServiceUri ''https://example.test/h''' }
        @{ Cmdlet = 'New-AcrWebhook'; Case = 'name with an escaped slash'; ErrorId = 'AcrGeo.InvalidWebhookName'
           Script = 'New-AcrWebhook -Registry {registry} -Name ''contoso%2fx'' -ServiceUri ''https://example.test/h''' }
        @{ Cmdlet = 'Remove-AcrWebhook'; Case = 'name with a trailing newline'; ErrorId = 'AcrGeo.InvalidWebhookName'
           Script = 'Remove-AcrWebhook -Registry {registry} -Name "contoso`n" -Confirm:$false' }
        @{ Cmdlet = 'Get-AcrWebhook'; Case = 'name with a trailing newline'; ErrorId = 'AcrGeo.InvalidWebhookName'
           Script = 'Get-AcrWebhook -Registry {registry} -Name "contoso`n"' }
        @{ Cmdlet = 'Remove-AcrWebhook'; Case = 'name with a hyphen'; ErrorId = 'AcrGeo.InvalidWebhookName'
           Script = 'Remove-AcrWebhook -Registry {registry} -Name ''con-toso'' -Confirm:$false' }
        @{ Cmdlet = 'Get-AcrWebhook'; Case = 'name with a hyphen'; ErrorId = 'AcrGeo.InvalidWebhookName'
           Script = 'Get-AcrWebhook -Registry {registry} -Name ''con-toso''' }
        @{ Cmdlet = 'Remove-AcrWebhook'; Case = 'name with a relative path'; ErrorId = 'AcrGeo.InvalidWebhookName'
           Script = 'Remove-AcrWebhook -Registry {registry} -Name ''../contoso'' -Confirm:$false' }
        @{ Cmdlet = 'Get-AcrWebhook'; Case = 'name with a relative path'; ErrorId = 'AcrGeo.InvalidWebhookName'
           Script = 'Get-AcrWebhook -Registry {registry} -Name ''../contoso''' }
        @{ Cmdlet = 'New-AcrWebhook'; Case = 'a relative service URI'; ErrorId = 'AcrGeo.InvalidWebhookUri'
           Script = 'New-AcrWebhook -Registry {registry} -Name hookfive -ServiceUri ''/relative/hook''' }
        @{ Cmdlet = 'New-AcrWebhook'; Case = 'an ftp service URI'; ErrorId = 'AcrGeo.InvalidWebhookUri'
           Script = 'New-AcrWebhook -Registry {registry} -Name hookfive -ServiceUri ''ftp://example.test/h''' }
        @{ Cmdlet = 'New-AcrWebhook'; Case = 'a file service URI'; ErrorId = 'AcrGeo.InvalidWebhookUri'
           Script = 'New-AcrWebhook -Registry {registry} -Name hookfive -ServiceUri ''file:///etc/passwd''' }
        @{ Cmdlet = 'New-AcrWebhook'; Case = 'a header with a line break in its value'; ErrorId = 'AcrGeo.InvalidWebhookHeader'
           Script = 'New-AcrWebhook -Registry {registry} -Name hookfive -ServiceUri ''https://example.test/h'' -Header @{ Authorization = "Bearer k`r`nX-Evil: 1" }' }
        @{ Cmdlet = 'New-AcrWebhook'; Case = 'a header name with a space'; ErrorId = 'AcrGeo.InvalidWebhookHeader'
           Script = 'New-AcrWebhook -Registry {registry} -Name hookfive -ServiceUri ''https://example.test/h'' -Header @{ ''X Key'' = ''v'' }' }
        @{ Cmdlet = 'New-AcrWebhook'; Case = 'a header name with a colon'; ErrorId = 'AcrGeo.InvalidWebhookHeader'
           Script = 'New-AcrWebhook -Registry {registry} -Name hookfive -ServiceUri ''https://example.test/h'' -Header @{ ''X-Key:'' = ''v'' }' }
        @{ Cmdlet = 'New-AcrWebhook'; Case = 'an empty header name'; ErrorId = 'AcrGeo.InvalidWebhookHeader'
           Script = 'New-AcrWebhook -Registry {registry} -Name hookfive -ServiceUri ''https://example.test/h'' -Header @{ '''' = ''v'' }' }
        @{ Cmdlet = 'New-AcrWebhook'; Case = 'a scope with a space'; ErrorId = 'AcrGeo.InvalidWebhookScope'
           Script = 'New-AcrWebhook -Registry {registry} -Name hookfive -ServiceUri ''https://example.test/h'' -Scope ''repo: tag''' }
        @{ Cmdlet = 'New-AcrWebhook'; Case = 'a scope with a newline'; ErrorId = 'AcrGeo.InvalidWebhookScope'
           Script = 'New-AcrWebhook -Registry {registry} -Name hookfive -ServiceUri ''https://example.test/h'' -Scope "repo:*`n"' }
        @{ Cmdlet = 'New-AcrWebhook'; Case = 'an unknown action'; ErrorId = 'ParameterArgumentValidationError'
           Script = 'New-AcrWebhook -Registry {registry} -Name hookfive -ServiceUri ''https://example.test/h'' -Action pull' }
        @{ Cmdlet = 'Remove-AcrWebhook'; Case = 'a webhook that does not exist'; ErrorId = 'AcrGeo.WebhookNotFound'
           Script = 'Remove-AcrWebhook -Registry {registry} -Name nosuchhook -Confirm:$false' }
        @{ Cmdlet = 'Get-AcrWebhook'; Case = 'a webhook that does not exist'; ErrorId = 'AcrGeo.WebhookNotFound'
           Script = 'Get-AcrWebhook -Registry {registry} -Name nosuchhook' }
        @{ Cmdlet = 'Remove-AcrReplica'; Case = 'a replica that does not exist'; ErrorId = 'AcrGeo.ReplicaNotFound'
           Script = 'Remove-AcrReplica -Registry {registry} -Name japaneast -Confirm:$false' }
        @{ Cmdlet = 'Remove-AcrReplica'; Case = 'the home replica'; ErrorId = 'AcrGeo.HomeReplicaCannotBeDeleted'
           Script = 'Remove-AcrReplica -Registry {registry} -Name westus -Confirm:$false' }
        @{ Cmdlet = 'Remove-AcrReplica'; Case = 'the home replica piped in'; ErrorId = 'AcrGeo.HomeReplicaCannotBeDeleted'
           Script = 'Get-AcrReplica -Registry {registry} -Name westus | Remove-AcrReplica -Confirm:$false' }
        @{ Cmdlet = 'Remove-AcrReplica'; Case = 'replica name with a trailing newline'; ErrorId = 'AcrGeo.InvalidReplicaName'
           Script = 'Remove-AcrReplica -Registry {registry} -Name "contoso`n" -Confirm:$false' }
        @{ Cmdlet = 'Get-AcrReplica'; Case = 'replica name with a trailing newline'; ErrorId = 'AcrGeo.InvalidReplicaName'
           Script = 'Get-AcrReplica -Registry {registry} -Name "contoso`n"' }
        @{ Cmdlet = 'Wait-AcrReplica'; Case = 'replica name with a trailing newline'; ErrorId = 'AcrGeo.InvalidReplicaName'
           Script = 'Wait-AcrReplica -Registry {registry} -Name "contoso`n" -TimeoutSeconds 5' }
        @{ Cmdlet = 'Remove-AcrReplica'; Case = 'replica name with a hyphen'; ErrorId = 'AcrGeo.InvalidReplicaName'
           Script = 'Remove-AcrReplica -Registry {registry} -Name ''con-toso'' -Confirm:$false' }
        @{ Cmdlet = 'Get-AcrReplica'; Case = 'replica name with a hyphen'; ErrorId = 'AcrGeo.InvalidReplicaName'
           Script = 'Get-AcrReplica -Registry {registry} -Name ''con-toso''' }
        @{ Cmdlet = 'Wait-AcrReplica'; Case = 'replica name with a hyphen'; ErrorId = 'AcrGeo.InvalidReplicaName'
           Script = 'Wait-AcrReplica -Registry {registry} -Name ''con-toso'' -TimeoutSeconds 5' }
        @{ Cmdlet = 'Remove-AcrReplica'; Case = 'replica name with a relative path'; ErrorId = 'AcrGeo.InvalidReplicaName'
           Script = 'Remove-AcrReplica -Registry {registry} -Name ''../contoso'' -Confirm:$false' }
        @{ Cmdlet = 'Get-AcrReplica'; Case = 'replica name with a relative path'; ErrorId = 'AcrGeo.InvalidReplicaName'
           Script = 'Get-AcrReplica -Registry {registry} -Name ''../contoso''' }
        @{ Cmdlet = 'Wait-AcrReplica'; Case = 'replica name with a relative path'; ErrorId = 'AcrGeo.InvalidReplicaName'
           Script = 'Wait-AcrReplica -Registry {registry} -Name ''../contoso'' -TimeoutSeconds 5' }
        @{ Cmdlet = 'Get-AcrReplica'; Case = 'a replica that does not exist'; ErrorId = 'AcrGeo.ReplicaNotFound'
           Script = 'Get-AcrReplica -Registry {registry} -Name japaneast' }
        @{ Cmdlet = 'Wait-AcrReplica'; Case = 'a timeout of 0'; ErrorId = 'AcrGeo.InvalidTimeout'
           Script = 'Wait-AcrReplica -Registry {registry} -TimeoutSeconds 0' }
        @{ Cmdlet = 'Wait-AcrReplica'; Case = 'a negative timeout'; ErrorId = 'AcrGeo.InvalidTimeout'
           Script = 'Wait-AcrReplica -Registry {registry} -TimeoutSeconds -5' }
        @{ Cmdlet = 'Wait-AcrReplica'; Case = 'a timeout over a day'; ErrorId = 'AcrGeo.InvalidTimeout'
           Script = 'Wait-AcrReplica -Registry {registry} -TimeoutSeconds 86401' }
        @{ Cmdlet = 'Wait-AcrReplica'; Case = 'a timeout beyond Int32'; ErrorId = 'CannotConvertArgumentNoMessage'
           Script = 'Wait-AcrReplica -Registry {registry} -TimeoutSeconds 99999999999' }
        @{ Cmdlet = 'Wait-AcrReplica'; Case = 'a replica that does not exist'; ErrorId = 'AcrGeo.ReplicaNotFound'
           Script = 'Wait-AcrReplica -Registry {registry} -Name japaneast -TimeoutSeconds 5' }
        @{ Cmdlet = 'Set-AcrRegistry'; Case = 'a SKU below Premium with replicas'; ErrorId = 'AcrGeo.SkuDowngradeWithReplicas'
           Script = 'Set-AcrRegistry -Registry {registry} -Sku Basic' }
        @{ Cmdlet = 'Set-AcrRegistry'; Case = 'an unknown SKU'; ErrorId = 'ParameterArgumentValidationError'
           Script = 'Set-AcrRegistry -Registry {registry} -Sku Gold' }
        @{ Cmdlet = 'New-AcrRegistry'; Case = 'an unknown SKU'; ErrorId = 'ParameterArgumentValidationError'
           Script = 'New-AcrRegistry -Name contosobad6 -ResourceGroupName {rg} -Location westus -Sku Gold' }
        @{ Cmdlet = 'Get-AcrRegion'; Case = 'an unknown state'; ErrorId = 'CannotConvertArgumentNoMessage'
           Script = 'Get-AcrRegion -Registry {registry} -State Bogus' }
        @{ Cmdlet = 'New-AcrKeyVault'; Case = 'name with two hyphens in a row'; ErrorId = 'AcrGeo.InvalidVaultName'
           Script = 'New-AcrKeyVault -Name ''no--good'' -ResourceGroupName {rg} -Location westus' }
        @{ Cmdlet = 'New-AcrKeyVault'; Case = 'name with a leading digit'; ErrorId = 'AcrGeo.InvalidVaultName'
           Script = 'New-AcrKeyVault -Name ''9lives'' -ResourceGroupName {rg} -Location westus' }
        @{ Cmdlet = 'New-AcrKeyVault'; Case = 'name with a trailing hyphen'; ErrorId = 'AcrGeo.InvalidVaultName'
           Script = 'New-AcrKeyVault -Name ''vault-'' -ResourceGroupName {rg} -Location westus' }
        @{ Cmdlet = 'New-AcrKeyVault'; Case = 'name with two characters'; ErrorId = 'AcrGeo.InvalidVaultName'
           Script = 'New-AcrKeyVault -Name ''kv'' -ResourceGroupName {rg} -Location westus' }
        @{ Cmdlet = 'New-AcrKeyVault'; Case = 'name with 25 characters'; ErrorId = 'AcrGeo.InvalidVaultName'
           Script = 'New-AcrKeyVault -Name (''k'' * 25) -ResourceGroupName {rg} -Location westus' }
        @{ Cmdlet = 'New-AcrKeyVault'; Case = 'name with a trailing newline'; ErrorId = 'AcrGeo.InvalidVaultName'
           Script = 'New-AcrKeyVault -Name "contoso-kv`n" -ResourceGroupName {rg} -Location westus' }
        @{ Cmdlet = 'New-AcrKeyVault'; Case = 'name with a slash'; ErrorId = 'AcrGeo.InvalidVaultName'
           Script = 'New-AcrKeyVault -Name ''kv/../x'' -ResourceGroupName {rg} -Location westus' }
        @{ Cmdlet = 'New-AcrKeyVault'; Case = 'name with an underscore'; ErrorId = 'AcrGeo.InvalidVaultName'
           Script = 'New-AcrKeyVault -Name ''kv_one'' -ResourceGroupName {rg} -Location westus' }
        @{ Cmdlet = 'New-AcrPullPrincipal'; Case = 'vault name with two hyphens in a row'; ErrorId = 'AcrGeo.InvalidVaultName'
           Script = 'New-AcrPullPrincipal -Registry {registry} -VaultName ''no--good''' }
        @{ Cmdlet = 'New-AcrPullPrincipal'; Case = 'vault name with a leading digit'; ErrorId = 'AcrGeo.InvalidVaultName'
           Script = 'New-AcrPullPrincipal -Registry {registry} -VaultName ''9lives''' }
        @{ Cmdlet = 'Get-AcrPullCredential'; Case = 'vault name with two hyphens in a row'; ErrorId = 'AcrGeo.InvalidVaultName'
           Script = 'Get-AcrPullCredential -Registry {registry} -VaultName ''no--good''' }
        @{ Cmdlet = 'Get-AcrPullCredential'; Case = 'vault name with a leading digit'; ErrorId = 'AcrGeo.InvalidVaultName'
           Script = 'Get-AcrPullCredential -Registry {registry} -VaultName ''9lives''' }
        @{ Cmdlet = 'Remove-AcrPullPrincipal'; Case = 'vault name with two hyphens in a row'; ErrorId = 'AcrGeo.InvalidVaultName'
           Script = 'Remove-AcrPullPrincipal -Registry {registry} -VaultName ''no--good'' -Confirm:$false' }
        @{ Cmdlet = 'Remove-AcrPullPrincipal'; Case = 'vault name with a leading digit'; ErrorId = 'AcrGeo.InvalidVaultName'
           Script = 'Remove-AcrPullPrincipal -Registry {registry} -VaultName ''9lives'' -Confirm:$false' }
        @{ Cmdlet = 'Reset-AcrPullPrincipalCredential'; Case = 'vault name with two hyphens in a row'; ErrorId = 'AcrGeo.InvalidVaultName'
           Script = 'Reset-AcrPullPrincipalCredential -Registry {registry} -VaultName ''no--good''' }
        @{ Cmdlet = 'Reset-AcrPullPrincipalCredential'; Case = 'vault name with a leading digit'; ErrorId = 'AcrGeo.InvalidVaultName'
           Script = 'Reset-AcrPullPrincipalCredential -Registry {registry} -VaultName ''9lives''' }
        @{ Cmdlet = 'Get-AcrPullPrincipal'; Case = 'vault name with two hyphens in a row'; ErrorId = 'AcrGeo.InvalidVaultName'
           Script = 'Get-AcrPullPrincipal -Registry {registry} -VaultName ''no--good''' }
        @{ Cmdlet = 'Get-AcrPullPrincipal'; Case = 'vault name with a leading digit'; ErrorId = 'AcrGeo.InvalidVaultName'
           Script = 'Get-AcrPullPrincipal -Registry {registry} -VaultName ''9lives''' }
        @{ Cmdlet = 'New-AcrContainerInstance'; Case = 'vault name with two hyphens in a row'; ErrorId = 'AcrGeo.InvalidVaultName'
           Script = 'New-AcrContainerInstance -Registry {registry} -ResourceGroupName {rg} -Name aci-demo -Image aci-helloworld:v1 -VaultName ''no--good''' }
        @{ Cmdlet = 'Export-AcrContainerInstanceTemplate'; Case = 'vault name with two hyphens in a row'; ErrorId = 'AcrGeo.InvalidVaultName'
           Script = 'Export-AcrContainerInstanceTemplate -ResourceGroupName {rg} -Name aci-demo -VaultName ''no--good'' -Path {tempDir}' }
        @{ Cmdlet = 'New-AcrPullPrincipal'; Case = 'a vault that does not exist'; ErrorId = 'AcrGeo.VaultNotFound'
           Script = 'New-AcrPullPrincipal -Registry {registry} -VaultName kv-not-there' }
        @{ Cmdlet = 'Get-AcrPullCredential'; Case = 'no principal in the vault'; ErrorId = 'AcrGeo.PullCredentialNotFound'
           Script = 'Get-AcrPullCredential -Registry {registry} -VaultName {vault}' }
        @{ Cmdlet = 'Remove-AcrPullPrincipal'; Case = 'no principal to remove'; ErrorId = 'AcrGeo.PullPrincipalNotFound'
           Script = 'Remove-AcrPullPrincipal -Registry {registry} -VaultName {vault} -Confirm:$false' }
        @{ Cmdlet = 'Reset-AcrPullPrincipalCredential'; Case = 'no principal to rotate'; ErrorId = 'AcrGeo.PullPrincipalNotFound'
           Script = 'Reset-AcrPullPrincipalCredential -Registry {registry} -VaultName {vault}' }
        @{ Cmdlet = 'Get-AcrPullPrincipal'; Case = 'no principal in the vault'; ErrorId = 'AcrGeo.PullPrincipalNotFound'
           Script = 'Get-AcrPullPrincipal -Registry {registry} -VaultName {vault}' }
        @{ Cmdlet = 'New-AcrPullPrincipal'; Case = '-ExpiresIn TimeSpan.MaxValue'; ErrorId = 'AcrGeo.InvalidExpiry'
           Script = 'New-AcrPullPrincipal -Registry {registry} -VaultName {vault} -ExpiresIn ([TimeSpan]::MaxValue)' }
        @{ Cmdlet = 'New-AcrPullPrincipal'; Case = '-ExpiresIn TimeSpan.MinValue'; ErrorId = 'AcrGeo.InvalidExpiry'
           Script = 'New-AcrPullPrincipal -Registry {registry} -VaultName {vault} -ExpiresIn ([TimeSpan]::MinValue)' }
        @{ Cmdlet = 'New-AcrPullPrincipal'; Case = '-ExpiresIn zero'; ErrorId = 'AcrGeo.InvalidExpiry'
           Script = 'New-AcrPullPrincipal -Registry {registry} -VaultName {vault} -ExpiresIn ([TimeSpan]::Zero)' }
        @{ Cmdlet = 'New-AcrPullPrincipal'; Case = '-ExpiresIn a minute'; ErrorId = 'AcrGeo.InvalidExpiry'
           Script = 'New-AcrPullPrincipal -Registry {registry} -VaultName {vault} -ExpiresIn (New-TimeSpan -Minutes 1)' }
        @{ Cmdlet = 'New-AcrPullPrincipal'; Case = '-ExpiresIn three years'; ErrorId = 'AcrGeo.InvalidExpiry'
           Script = 'New-AcrPullPrincipal -Registry {registry} -VaultName {vault} -ExpiresIn (New-TimeSpan -Days 1095)' }
        @{ Cmdlet = 'New-AcrPullPrincipal'; Case = '-ExpiresIn a negative span'; ErrorId = 'AcrGeo.InvalidExpiry'
           Script = 'New-AcrPullPrincipal -Registry {registry} -VaultName {vault} -ExpiresIn (New-TimeSpan -Days -1)' }
        @{ Cmdlet = 'Reset-AcrPullPrincipalCredential'; Case = '-ExpiresIn TimeSpan.MaxValue'; ErrorId = 'AcrGeo.InvalidExpiry'
           Script = 'Reset-AcrPullPrincipalCredential -Registry {registry} -VaultName {vault} -ExpiresIn ([TimeSpan]::MaxValue)' }
        @{ Cmdlet = 'Reset-AcrPullPrincipalCredential'; Case = '-ExpiresIn TimeSpan.MinValue'; ErrorId = 'AcrGeo.InvalidExpiry'
           Script = 'Reset-AcrPullPrincipalCredential -Registry {registry} -VaultName {vault} -ExpiresIn ([TimeSpan]::MinValue)' }
        @{ Cmdlet = 'New-AcrPullPrincipal'; Case = '-EndDate DateTime.MaxValue'; ErrorId = 'AcrGeo.InvalidExpiry'
           Script = 'New-AcrPullPrincipal -Registry {registry} -VaultName {vault} -EndDate ([DateTime]::MaxValue)' }
        @{ Cmdlet = 'New-AcrPullPrincipal'; Case = '-EndDate DateTime.MinValue'; ErrorId = 'AcrGeo.InvalidExpiry'
           Script = 'New-AcrPullPrincipal -Registry {registry} -VaultName {vault} -EndDate ([DateTime]::MinValue)' }
        @{ Cmdlet = 'New-AcrPullPrincipal'; Case = '-EndDate yesterday'; ErrorId = 'AcrGeo.InvalidExpiry'
           Script = 'New-AcrPullPrincipal -Registry {registry} -VaultName {vault} -EndDate (Get-Date).AddDays(-1)' }
        @{ Cmdlet = 'New-AcrPullPrincipal'; Case = '-EndDate in three years'; ErrorId = 'AcrGeo.InvalidExpiry'
           Script = 'New-AcrPullPrincipal -Registry {registry} -VaultName {vault} -EndDate (Get-Date).AddYears(3)' }
        @{ Cmdlet = 'Reset-AcrPullPrincipalCredential'; Case = '-EndDate DateTime.MaxValue'; ErrorId = 'AcrGeo.InvalidExpiry'
           Script = 'Reset-AcrPullPrincipalCredential -Registry {registry} -VaultName {vault} -EndDate ([DateTime]::MaxValue)' }
        @{ Cmdlet = 'New-AcrPullPrincipal'; Case = '-ExpiresIn and -EndDate together'; ErrorId = 'AmbiguousParameterSet'
           Script = 'New-AcrPullPrincipal -Registry {registry} -VaultName {vault} -ExpiresIn 30.00:00:00 -EndDate (Get-Date).AddDays(30)' }
        @{ Cmdlet = 'New-AcrPullPrincipal'; Case = '-ExpiresIn that is no time span'; ErrorId = 'CannotConvertArgumentNoMessage'
           Script = 'New-AcrPullPrincipal -Registry {registry} -VaultName {vault} -ExpiresIn ''soon''' }
        @{ Cmdlet = 'New-AcrPullPrincipal'; Case = 'an empty display name'; ErrorId = 'AcrGeo.InvalidDisplayName'
           Script = 'New-AcrPullPrincipal -Registry {registry} -VaultName {vault} -DisplayName ''''' }
        @{ Cmdlet = 'New-AcrPullPrincipal'; Case = 'a blank display name'; ErrorId = 'AcrGeo.InvalidDisplayName'
           Script = 'New-AcrPullPrincipal -Registry {registry} -VaultName {vault} -DisplayName ''   ''' }
        @{ Cmdlet = 'New-AcrPullPrincipal'; Case = 'a display name with a newline'; ErrorId = 'AcrGeo.InvalidDisplayName'
           Script = 'New-AcrPullPrincipal -Registry {registry} -VaultName {vault} -DisplayName "pull`nprincipal"' }
        @{ Cmdlet = 'New-AcrPullPrincipal'; Case = 'a display name of 257 characters'; ErrorId = 'AcrGeo.InvalidDisplayName'
           Script = 'New-AcrPullPrincipal -Registry {registry} -VaultName {vault} -DisplayName (''d'' * 257)' }
        @{ Cmdlet = 'New-AcrPullPrincipal'; Case = 'an unknown role'; ErrorId = 'ParameterArgumentValidationError'
           Script = 'New-AcrPullPrincipal -Registry {registry} -VaultName {vault} -Role Owner' }
        @{ Cmdlet = 'Import-AcrImage'; Case = 'target with an uppercase repository'; ErrorId = 'AcrGeo.InvalidImageName'
           Script = 'Import-AcrImage -Registry {registry} -Source mcr.microsoft.com/hello-world:latest -Image ''Aci-HelloWorld:v1''' }
        @{ Cmdlet = 'Import-AcrImage'; Case = 'target with a space'; ErrorId = 'AcrGeo.InvalidImageName'
           Script = 'Import-AcrImage -Registry {registry} -Source mcr.microsoft.com/hello-world:latest -Image ''aci helloworld:v1''' }
        @{ Cmdlet = 'Import-AcrImage'; Case = 'target with a bad tag'; ErrorId = 'AcrGeo.InvalidImageName'
           Script = 'Import-AcrImage -Registry {registry} -Source mcr.microsoft.com/hello-world:latest -Image ''repo:bad tag''' }
        @{ Cmdlet = 'Import-AcrImage'; Case = 'target with a trailing newline'; ErrorId = 'AcrGeo.InvalidImageName'
           Script = 'Import-AcrImage -Registry {registry} -Source mcr.microsoft.com/hello-world:latest -Image "repo:v1`n"' }
        @{ Cmdlet = 'Import-AcrImage'; Case = 'target with a relative path'; ErrorId = 'AcrGeo.InvalidImageName'
           Script = 'Import-AcrImage -Registry {registry} -Source mcr.microsoft.com/hello-world:latest -Image ''a/../b:v1''' }
        @{ Cmdlet = 'Import-AcrImage'; Case = 'target with a query string'; ErrorId = 'AcrGeo.InvalidImageName'
           Script = 'Import-AcrImage -Registry {registry} -Source mcr.microsoft.com/hello-world:latest -Image ''repo?x=1:v1''' }
        @{ Cmdlet = 'Import-AcrImage'; Case = 'target with a fragment'; ErrorId = 'AcrGeo.InvalidImageName'
           Script = 'Import-AcrImage -Registry {registry} -Source mcr.microsoft.com/hello-world:latest -Image ''repo#x''' }
        @{ Cmdlet = 'Import-AcrImage'; Case = 'target with a tag starting with a hyphen'; ErrorId = 'AcrGeo.InvalidImageName'
           Script = 'Import-AcrImage -Registry {registry} -Source mcr.microsoft.com/hello-world:latest -Image ''repo:-v1''' }
        @{ Cmdlet = 'Import-AcrImage'; Case = 'target with a tag of 129 characters'; ErrorId = 'AcrGeo.InvalidImageName'
           Script = 'Import-AcrImage -Registry {registry} -Source mcr.microsoft.com/hello-world:latest -Image (''repo:'' + (''t'' * 129))' }
        @{ Cmdlet = 'Import-AcrImage'; Case = 'target with a double slash'; ErrorId = 'AcrGeo.InvalidImageName'
           Script = 'Import-AcrImage -Registry {registry} -Source mcr.microsoft.com/hello-world:latest -Image ''a//b:v1''' }
        @{ Cmdlet = 'Import-AcrImage'; Case = 'target with a bad registry host'; ErrorId = 'AcrGeo.InvalidImageName'
           Script = 'Import-AcrImage -Registry {registry} -Source mcr.microsoft.com/hello-world:latest -Image ''my_registry.io/repo:v1''' }
        @{ Cmdlet = 'Import-AcrImage'; Case = 'source with an uppercase repository'; ErrorId = 'AcrGeo.InvalidImageName'
           Script = 'Import-AcrImage -Registry {registry} -Source ''Aci-HelloWorld:v1'' -Image hello:v1' }
        @{ Cmdlet = 'Import-AcrImage'; Case = 'source with a space'; ErrorId = 'AcrGeo.InvalidImageName'
           Script = 'Import-AcrImage -Registry {registry} -Source ''aci helloworld:v1'' -Image hello:v1' }
        @{ Cmdlet = 'Import-AcrImage'; Case = 'source with a bad tag'; ErrorId = 'AcrGeo.InvalidImageName'
           Script = 'Import-AcrImage -Registry {registry} -Source ''repo:bad tag'' -Image hello:v1' }
        @{ Cmdlet = 'New-AcrContainerInstance'; Case = 'image with an uppercase repository'; ErrorId = 'AcrGeo.InvalidImageName'
           Script = 'New-AcrContainerInstance -Registry {registry} -ResourceGroupName {rg} -Name aci-demo -Image ''Aci-HelloWorld:v1'' -VaultName {vault}' }
        @{ Cmdlet = 'New-AcrContainerInstance'; Case = 'image with a space'; ErrorId = 'AcrGeo.InvalidImageName'
           Script = 'New-AcrContainerInstance -Registry {registry} -ResourceGroupName {rg} -Name aci-demo -Image ''aci helloworld:v1'' -VaultName {vault}' }
        @{ Cmdlet = 'Get-AcrImage'; Case = 'a repository with an uppercase letter'; ErrorId = 'AcrGeo.InvalidImageName'
           Script = 'Get-AcrImage -Registry {registry} -Repository ''Hello''' }
        @{ Cmdlet = 'Get-AcrImage'; Case = 'a repository with a newline'; ErrorId = 'AcrGeo.InvalidImageName'
           Script = 'Get-AcrImage -Registry {registry} -Repository "hello`n"' }
        @{ Cmdlet = 'Get-AcrImage'; Case = 'a repository with a query'; ErrorId = 'AcrGeo.InvalidImageName'
           Script = 'Get-AcrImage -Registry {registry} -Repository ''hello?x''' }
        @{ Cmdlet = 'Import-AcrImage'; Case = 'source with a short digest'; ErrorId = 'AcrGeo.InvalidImageDigest'
           Script = 'Import-AcrImage -Registry {registry} -Source ''repo@sha256:abc'' -Image hello:v1' }
        @{ Cmdlet = 'Import-AcrImage'; Case = 'source with an uppercase digest'; ErrorId = 'AcrGeo.InvalidImageDigest'
           Script = 'Import-AcrImage -Registry {registry} -Source (''repo@sha256:'' + (''A'' * 64)) -Image hello:v1' }
        @{ Cmdlet = 'Import-AcrImage'; Case = 'source with an unknown algorithm'; ErrorId = 'AcrGeo.InvalidImageDigest'
           Script = 'Import-AcrImage -Registry {registry} -Source (''repo@md5:'' + (''a'' * 32)) -Image hello:v1' }
        @{ Cmdlet = 'Import-AcrImage'; Case = 'source with a digest with a trailing newline'; ErrorId = 'AcrGeo.InvalidImageDigest'
           Script = 'Import-AcrImage -Registry {registry} -Source (''repo@sha256:'' + (''a'' * 64) + "`n") -Image hello:v1' }
        @{ Cmdlet = 'Import-AcrImage'; Case = 'source with a digest of 63 digits'; ErrorId = 'AcrGeo.InvalidImageDigest'
           Script = 'Import-AcrImage -Registry {registry} -Source (''repo@sha256:'' + (''a'' * 63)) -Image hello:v1' }
        @{ Cmdlet = 'Import-AcrImage'; Case = 'source with a digest without algorithm'; ErrorId = 'AcrGeo.InvalidImageDigest'
           Script = 'Import-AcrImage -Registry {registry} -Source (''repo@'' + (''a'' * 64)) -Image hello:v1' }
        @{ Cmdlet = 'New-AcrContainerInstance'; Case = 'image with a short digest'; ErrorId = 'AcrGeo.InvalidImageDigest'
           Script = 'New-AcrContainerInstance -Registry {registry} -ResourceGroupName {rg} -Name aci-demo -Image ''repo@sha256:abc'' -VaultName {vault}' }
        @{ Cmdlet = 'Import-AcrImage'; Case = 'a digest as the target'; ErrorId = 'AcrGeo.InvalidImageName'
           Script = 'Import-AcrImage -Registry {registry} -Source mcr.microsoft.com/hello-world:latest -Image (''hello@sha256:'' + (''a'' * 64))' }
        @{ Cmdlet = 'Import-AcrImage'; Case = 'a target in another registry'; ErrorId = 'AcrGeo.InvalidImageName'
           Script = 'Import-AcrImage -Registry {registry} -Source mcr.microsoft.com/hello-world:latest -Image otherreg.azurecr.io/hello:v1' }
        @{ Cmdlet = 'Import-AcrImage'; Case = 'a source by digest with no target tag'; ErrorId = 'AcrGeo.InvalidImageName'
           Script = 'Import-AcrImage -Registry {registry} -Source (''mcr.microsoft.com/hello-world@sha256:'' + (''a'' * 64))' }
        @{ Cmdlet = 'Import-AcrImage'; Case = 'another image over an existing tag without -Force'; ErrorId = 'AcrGeo.ImageTagExists'
           Script = 'Import-AcrImage -Registry {registry} -Source mcr.microsoft.com/hello-world:latest -Image {image}' }
        @{ Cmdlet = 'New-AcrContainerInstance'; Case = 'name with uppercase letters'; ErrorId = 'AcrGeo.InvalidContainerGroupName'
           Script = 'New-AcrContainerInstance -Registry {registry} -ResourceGroupName {rg} -Name ''Aci-Demo'' -Image aci-helloworld:v1 -VaultName {vault}' }
        @{ Cmdlet = 'New-AcrContainerInstance'; Case = 'name with an underscore'; ErrorId = 'AcrGeo.InvalidContainerGroupName'
           Script = 'New-AcrContainerInstance -Registry {registry} -ResourceGroupName {rg} -Name ''aci_demo'' -Image aci-helloworld:v1 -VaultName {vault}' }
        @{ Cmdlet = 'New-AcrContainerInstance'; Case = 'name with a leading hyphen'; ErrorId = 'AcrGeo.InvalidContainerGroupName'
           Script = 'New-AcrContainerInstance -Registry {registry} -ResourceGroupName {rg} -Name ''-aci'' -Image aci-helloworld:v1 -VaultName {vault}' }
        @{ Cmdlet = 'New-AcrContainerInstance'; Case = 'name with two hyphens'; ErrorId = 'AcrGeo.InvalidContainerGroupName'
           Script = 'New-AcrContainerInstance -Registry {registry} -ResourceGroupName {rg} -Name ''aci--demo'' -Image aci-helloworld:v1 -VaultName {vault}' }
        @{ Cmdlet = 'New-AcrContainerInstance'; Case = 'name with a trailing newline'; ErrorId = 'AcrGeo.InvalidContainerGroupName'
           Script = 'New-AcrContainerInstance -Registry {registry} -ResourceGroupName {rg} -Name "aci-demo`n" -Image aci-helloworld:v1 -VaultName {vault}' }
        @{ Cmdlet = 'New-AcrContainerInstance'; Case = 'name with 64 characters'; ErrorId = 'AcrGeo.InvalidContainerGroupName'
           Script = 'New-AcrContainerInstance -Registry {registry} -ResourceGroupName {rg} -Name (''a'' * 64) -Image aci-helloworld:v1 -VaultName {vault}' }
        @{ Cmdlet = 'New-AcrContainerInstance'; Case = 'name with a relative path'; ErrorId = 'AcrGeo.InvalidContainerGroupName'
           Script = 'New-AcrContainerInstance -Registry {registry} -ResourceGroupName {rg} -Name ''../aci'' -Image aci-helloworld:v1 -VaultName {vault}' }
        @{ Cmdlet = 'New-AcrContainerInstance'; Case = 'name with a query string'; ErrorId = 'AcrGeo.InvalidContainerGroupName'
           Script = 'New-AcrContainerInstance -Registry {registry} -ResourceGroupName {rg} -Name ''aci?x'' -Image aci-helloworld:v1 -VaultName {vault}' }
        @{ Cmdlet = 'Remove-AcrContainerInstance'; Case = 'name with uppercase letters'; ErrorId = 'AcrGeo.InvalidContainerGroupName'
           Script = 'Remove-AcrContainerInstance -ResourceGroupName {rg} -Name ''Aci-Demo'' -Confirm:$false' }
        @{ Cmdlet = 'Get-AcrContainerInstanceLog'; Case = 'name with uppercase letters'; ErrorId = 'AcrGeo.InvalidContainerGroupName'
           Script = 'Get-AcrContainerInstanceLog -ResourceGroupName {rg} -Name ''Aci-Demo''' }
        @{ Cmdlet = 'Export-AcrContainerInstanceTemplate'; Case = 'name with uppercase letters'; ErrorId = 'AcrGeo.InvalidContainerGroupName'
           Script = 'Export-AcrContainerInstanceTemplate -ResourceGroupName {rg} -Name ''Aci-Demo'' -VaultName {vault} -Path {tempDir}' }
        @{ Cmdlet = 'Remove-AcrContainerInstance'; Case = 'name with an underscore'; ErrorId = 'AcrGeo.InvalidContainerGroupName'
           Script = 'Remove-AcrContainerInstance -ResourceGroupName {rg} -Name ''aci_demo'' -Confirm:$false' }
        @{ Cmdlet = 'Get-AcrContainerInstanceLog'; Case = 'name with an underscore'; ErrorId = 'AcrGeo.InvalidContainerGroupName'
           Script = 'Get-AcrContainerInstanceLog -ResourceGroupName {rg} -Name ''aci_demo''' }
        @{ Cmdlet = 'Export-AcrContainerInstanceTemplate'; Case = 'name with an underscore'; ErrorId = 'AcrGeo.InvalidContainerGroupName'
           Script = 'Export-AcrContainerInstanceTemplate -ResourceGroupName {rg} -Name ''aci_demo'' -VaultName {vault} -Path {tempDir}' }
        @{ Cmdlet = 'Get-AcrContainerInstance'; Case = 'a name with an underscore in a group'; ErrorId = 'AcrGeo.InvalidContainerGroupName'
           Script = 'Get-AcrContainerInstance -ResourceGroupName {rg} -Name aci_demo' }
        @{ Cmdlet = 'Get-AcrContainerInstanceLog'; Case = 'a container name with uppercase letters'; ErrorId = 'AcrGeo.InvalidContainerName'
           Script = 'Get-AcrContainerInstanceLog -ResourceGroupName {rg} -Name aci-demo -ContainerName Web' }
        @{ Cmdlet = 'Get-AcrContainerInstanceLog'; Case = 'a group that does not exist'; ErrorId = 'AcrGeo.ContainerInstanceNotFound'
           Script = 'Get-AcrContainerInstanceLog -ResourceGroupName {rg} -Name aci-not-there' }
        @{ Cmdlet = 'Remove-AcrContainerInstance'; Case = 'a group that does not exist'; ErrorId = 'AcrGeo.ContainerInstanceNotFound'
           Script = 'Remove-AcrContainerInstance -ResourceGroupName {rg} -Name aci-not-there -Confirm:$false' }
        @{ Cmdlet = 'Remove-AcrContainerInstance'; Case = 'a group in a missing resource group'; ErrorId = 'AcrGeo.ContainerInstanceNotFound'
           Script = 'Remove-AcrContainerInstance -ResourceGroupName {missingRg} -Name aci-demo -Confirm:$false' }
        @{ Cmdlet = 'Export-AcrContainerInstanceTemplate'; Case = 'a group that does not exist'; ErrorId = 'AcrGeo.ContainerInstanceNotFound'
           Script = 'Export-AcrContainerInstanceTemplate -ResourceGroupName {rg} -Name aci-not-there -VaultName {vault} -Path {tempDir}' }
        @{ Cmdlet = 'Export-AcrContainerInstanceTemplate'; Case = 'over existing files without -Force'; ErrorId = 'AcrGeo.FileExists'
           Script = 'Export-AcrContainerInstanceTemplate -ResourceGroupName {rg} -Name aci-demo -VaultName {vault} -Path {exportDir}' }
        @{ Cmdlet = 'New-AcrContainerInstance'; Case = 'a label of four characters'; ErrorId = 'AcrGeo.InvalidDnsNameLabel'
           Script = 'New-AcrContainerInstance -Registry {registry} -ResourceGroupName {rg} -Name aci-demo -Image aci-helloworld:v1 -VaultName {vault} -DnsNameLabel ''abcd''' }
        @{ Cmdlet = 'New-AcrContainerInstance'; Case = 'a label starting with a digit'; ErrorId = 'AcrGeo.InvalidDnsNameLabel'
           Script = 'New-AcrContainerInstance -Registry {registry} -ResourceGroupName {rg} -Name aci-demo -Image aci-helloworld:v1 -VaultName {vault} -DnsNameLabel ''1abcde''' }
        @{ Cmdlet = 'New-AcrContainerInstance'; Case = 'an uppercase label'; ErrorId = 'AcrGeo.InvalidDnsNameLabel'
           Script = 'New-AcrContainerInstance -Registry {registry} -ResourceGroupName {rg} -Name aci-demo -Image aci-helloworld:v1 -VaultName {vault} -DnsNameLabel ''ABCDEF''' }
        @{ Cmdlet = 'New-AcrContainerInstance'; Case = 'a label ending with a hyphen'; ErrorId = 'AcrGeo.InvalidDnsNameLabel'
           Script = 'New-AcrContainerInstance -Registry {registry} -ResourceGroupName {rg} -Name aci-demo -Image aci-helloworld:v1 -VaultName {vault} -DnsNameLabel ''abcde-''' }
        @{ Cmdlet = 'New-AcrContainerInstance'; Case = 'a label with a newline'; ErrorId = 'AcrGeo.InvalidDnsNameLabel'
           Script = 'New-AcrContainerInstance -Registry {registry} -ResourceGroupName {rg} -Name aci-demo -Image aci-helloworld:v1 -VaultName {vault} -DnsNameLabel "abcdef`n"' }
        @{ Cmdlet = 'New-AcrContainerInstance'; Case = 'a label of 64 characters'; ErrorId = 'AcrGeo.InvalidDnsNameLabel'
           Script = 'New-AcrContainerInstance -Registry {registry} -ResourceGroupName {rg} -Name aci-demo -Image aci-helloworld:v1 -VaultName {vault} -DnsNameLabel (''l'' * 64)' }
        @{ Cmdlet = 'New-AcrContainerInstance'; Case = 'port 0'; ErrorId = 'AcrGeo.InvalidPort'
           Script = 'New-AcrContainerInstance -Registry {registry} -ResourceGroupName {rg} -Name aci-demo -Image aci-helloworld:v1 -VaultName {vault} -Port 0' }
        @{ Cmdlet = 'New-AcrContainerInstance'; Case = 'port 65536'; ErrorId = 'AcrGeo.InvalidPort'
           Script = 'New-AcrContainerInstance -Registry {registry} -ResourceGroupName {rg} -Name aci-demo -Image aci-helloworld:v1 -VaultName {vault} -Port 65536' }
        @{ Cmdlet = 'New-AcrContainerInstance'; Case = 'a negative port'; ErrorId = 'AcrGeo.InvalidPort'
           Script = 'New-AcrContainerInstance -Registry {registry} -ResourceGroupName {rg} -Name aci-demo -Image aci-helloworld:v1 -VaultName {vault} -Port -1' }
        @{ Cmdlet = 'New-AcrContainerInstance'; Case = 'the same port twice'; ErrorId = 'AcrGeo.InvalidPort'
           Script = 'New-AcrContainerInstance -Registry {registry} -ResourceGroupName {rg} -Name aci-demo -Image aci-helloworld:v1 -VaultName {vault} -Port 80, 80' }
        @{ Cmdlet = 'New-AcrContainerInstance'; Case = 'no port at all'; ErrorId = 'AcrGeo.InvalidPort'
           Script = 'New-AcrContainerInstance -Registry {registry} -ResourceGroupName {rg} -Name aci-demo -Image aci-helloworld:v1 -VaultName {vault} -Port @()' }
        @{ Cmdlet = 'New-AcrContainerInstance'; Case = 'a port that is no number'; ErrorId = 'CannotConvertArgumentNoMessage'
           Script = 'New-AcrContainerInstance -Registry {registry} -ResourceGroupName {rg} -Name aci-demo -Image aci-helloworld:v1 -VaultName {vault} -Port ''http''' }
        @{ Cmdlet = 'New-AcrContainerInstance'; Case = 'CPU 0'; ErrorId = 'AcrGeo.InvalidCpu'
           Script = 'New-AcrContainerInstance -Registry {registry} -ResourceGroupName {rg} -Name aci-demo -Image aci-helloworld:v1 -VaultName {vault} -Cpu 0' }
        @{ Cmdlet = 'New-AcrContainerInstance'; Case = 'CPU 0.05'; ErrorId = 'AcrGeo.InvalidCpu'
           Script = 'New-AcrContainerInstance -Registry {registry} -ResourceGroupName {rg} -Name aci-demo -Image aci-helloworld:v1 -VaultName {vault} -Cpu 0.05' }
        @{ Cmdlet = 'New-AcrContainerInstance'; Case = 'CPU 5'; ErrorId = 'AcrGeo.InvalidCpu'
           Script = 'New-AcrContainerInstance -Registry {registry} -ResourceGroupName {rg} -Name aci-demo -Image aci-helloworld:v1 -VaultName {vault} -Cpu 5' }
        @{ Cmdlet = 'New-AcrContainerInstance'; Case = 'CPU NaN'; ErrorId = 'AcrGeo.InvalidCpu'
           Script = 'New-AcrContainerInstance -Registry {registry} -ResourceGroupName {rg} -Name aci-demo -Image aci-helloworld:v1 -VaultName {vault} -Cpu ([double]::NaN)' }
        @{ Cmdlet = 'New-AcrContainerInstance'; Case = 'CPU infinity'; ErrorId = 'AcrGeo.InvalidCpu'
           Script = 'New-AcrContainerInstance -Registry {registry} -ResourceGroupName {rg} -Name aci-demo -Image aci-helloworld:v1 -VaultName {vault} -Cpu ([double]::PositiveInfinity)' }
        @{ Cmdlet = 'New-AcrContainerInstance'; Case = 'CPU that is no number'; ErrorId = 'CannotConvertArgumentNoMessage'
           Script = 'New-AcrContainerInstance -Registry {registry} -ResourceGroupName {rg} -Name aci-demo -Image aci-helloworld:v1 -VaultName {vault} -Cpu ''lots''' }
        @{ Cmdlet = 'New-AcrContainerInstance'; Case = 'memory 0'; ErrorId = 'AcrGeo.InvalidMemory'
           Script = 'New-AcrContainerInstance -Registry {registry} -ResourceGroupName {rg} -Name aci-demo -Image aci-helloworld:v1 -VaultName {vault} -MemoryInGB 0' }
        @{ Cmdlet = 'New-AcrContainerInstance'; Case = 'memory 16.5 GB'; ErrorId = 'AcrGeo.InvalidMemory'
           Script = 'New-AcrContainerInstance -Registry {registry} -ResourceGroupName {rg} -Name aci-demo -Image aci-helloworld:v1 -VaultName {vault} -MemoryInGB 16.5' }
        @{ Cmdlet = 'New-AcrContainerInstance'; Case = 'memory NaN'; ErrorId = 'AcrGeo.InvalidMemory'
           Script = 'New-AcrContainerInstance -Registry {registry} -ResourceGroupName {rg} -Name aci-demo -Image aci-helloworld:v1 -VaultName {vault} -MemoryInGB ([double]::NaN)' }
        @{ Cmdlet = 'New-AcrContainerInstance'; Case = 'negative memory'; ErrorId = 'AcrGeo.InvalidMemory'
           Script = 'New-AcrContainerInstance -Registry {registry} -ResourceGroupName {rg} -Name aci-demo -Image aci-helloworld:v1 -VaultName {vault} -MemoryInGB -1' }
        @{ Cmdlet = 'New-AcrContainerInstance'; Case = 'environment variable a name starting with a digit'; ErrorId = 'AcrGeo.InvalidEnvironmentVariableName'
           Script = 'New-AcrContainerInstance -Registry {registry} -ResourceGroupName {rg} -Name aci-demo -Image aci-helloworld:v1 -VaultName {vault} -EnvironmentVariable @{ ''1ABC'' = ''x'' }' }
        @{ Cmdlet = 'New-AcrContainerInstance'; Case = 'environment variable a name with a hyphen'; ErrorId = 'AcrGeo.InvalidEnvironmentVariableName'
           Script = 'New-AcrContainerInstance -Registry {registry} -ResourceGroupName {rg} -Name aci-demo -Image aci-helloworld:v1 -VaultName {vault} -EnvironmentVariable @{ ''A-B'' = ''x'' }' }
        @{ Cmdlet = 'New-AcrContainerInstance'; Case = 'environment variable a name with a space'; ErrorId = 'AcrGeo.InvalidEnvironmentVariableName'
           Script = 'New-AcrContainerInstance -Registry {registry} -ResourceGroupName {rg} -Name aci-demo -Image aci-helloworld:v1 -VaultName {vault} -EnvironmentVariable @{ ''A B'' = ''x'' }' }
        @{ Cmdlet = 'New-AcrContainerInstance'; Case = 'environment variable a name with a newline'; ErrorId = 'AcrGeo.InvalidEnvironmentVariableName'
           Script = 'New-AcrContainerInstance -Registry {registry} -ResourceGroupName {rg} -Name aci-demo -Image aci-helloworld:v1 -VaultName {vault} -EnvironmentVariable @{ "A`n" = ''x'' }' }
        @{ Cmdlet = 'New-AcrContainerInstance'; Case = 'environment variable an empty name'; ErrorId = 'AcrGeo.InvalidEnvironmentVariableName'
           Script = 'New-AcrContainerInstance -Registry {registry} -ResourceGroupName {rg} -Name aci-demo -Image aci-helloworld:v1 -VaultName {vault} -EnvironmentVariable @{ '''' = ''x'' }' }
        @{ Cmdlet = 'New-AcrContainerInstance'; Case = 'environment variable a name with an equals sign'; ErrorId = 'AcrGeo.InvalidEnvironmentVariableName'
           Script = 'New-AcrContainerInstance -Registry {registry} -ResourceGroupName {rg} -Name aci-demo -Image aci-helloworld:v1 -VaultName {vault} -EnvironmentVariable @{ ''A=B'' = ''x'' }' }
        @{ Cmdlet = 'New-AcrContainerInstance'; Case = 'a variable plain and secure at once'; ErrorId = 'AcrGeo.InvalidEnvironmentVariableName'
           Script = 'New-AcrContainerInstance -Registry {registry} -ResourceGroupName {rg} -Name aci-demo -Image aci-helloworld:v1 -VaultName {vault} -EnvironmentVariable @{ MODE = ''x'' } -SecureEnvironmentVariable @{ mode = (ConvertTo-SecureString ''y'' -AsPlainText -Force) }' }
        @{ Cmdlet = 'New-AcrContainerInstance'; Case = 'a plain string where a SecureString is required'; ErrorId = 'AcrGeo.InvalidSecureValue'
           Script = 'New-AcrContainerInstance -Registry {registry} -ResourceGroupName {rg} -Name aci-demo -Image aci-helloworld:v1 -VaultName {vault} -SecureEnvironmentVariable @{ TOKEN = ''plain-text'' }' }
        @{ Cmdlet = 'New-AcrContainerInstance'; Case = 'a number where a SecureString is required'; ErrorId = 'AcrGeo.InvalidSecureValue'
           Script = 'New-AcrContainerInstance -Registry {registry} -ResourceGroupName {rg} -Name aci-demo -Image aci-helloworld:v1 -VaultName {vault} -SecureEnvironmentVariable @{ TOKEN = 42 }' }
        @{ Cmdlet = 'New-AcrContainerInstance'; Case = 'a secure variable name with a hyphen'; ErrorId = 'AcrGeo.InvalidEnvironmentVariableName'
           Script = 'New-AcrContainerInstance -Registry {registry} -ResourceGroupName {rg} -Name aci-demo -Image aci-helloworld:v1 -VaultName {vault} -SecureEnvironmentVariable @{ ''MY-TOKEN'' = (ConvertTo-SecureString ''y'' -AsPlainText -Force) }' }
        @{ Cmdlet = 'New-AcrContainerInstance'; Case = 'an unknown OS type'; ErrorId = 'ParameterArgumentValidationError'
           Script = 'New-AcrContainerInstance -Registry {registry} -ResourceGroupName {rg} -Name aci-demo -Image aci-helloworld:v1 -VaultName {vault} -OsType Plan9' }
        @{ Cmdlet = 'New-AcrContainerInstance'; Case = 'an unknown restart policy'; ErrorId = 'ParameterArgumentValidationError'
           Script = 'New-AcrContainerInstance -Registry {registry} -ResourceGroupName {rg} -Name aci-demo -Image aci-helloworld:v1 -VaultName {vault} -RestartPolicy Sometimes' }
        @{ Cmdlet = 'New-AcrContainerInstance'; Case = 'no credentials for an image of the registry'; ErrorId = 'AcrGeo.RegistryCredentialRequired'
           Script = 'New-AcrContainerInstance -Registry {registry} -ResourceGroupName {rg} -Name aci-demo -Image aci-helloworld:v1' }
        @{ Cmdlet = 'New-AcrContainerInstance'; Case = '-Credential and -VaultName together'; ErrorId = 'AmbiguousParameterSet'
           Script = 'New-AcrContainerInstance -Registry {registry} -ResourceGroupName {rg} -Name aci-demo -Image aci-helloworld:v1 -VaultName {vault} -Credential ([pscredential]::new(''u'', (ConvertTo-SecureString ''p'' -AsPlainText -Force)))' }
        @{ Cmdlet = 'Connect-AcrGeo'; Case = 'a subscription id that is no GUID'; ErrorId = 'AcrGeo.InvalidSubscriptionId'
           Script = 'Connect-AcrGeo -SubscriptionId ''not-a-guid''' }
        @{ Cmdlet = 'Connect-AcrGeo'; Case = 'a subscription id with a trailing newline'; ErrorId = 'AcrGeo.InvalidSubscriptionId'
           Script = 'Connect-AcrGeo -SubscriptionId "00000000-0000-0000-0000-000000000000`n"' }
        @{ Cmdlet = 'Connect-AcrGeo'; Case = 'a subscription id in braces'; ErrorId = 'AcrGeo.InvalidSubscriptionId'
           Script = 'Connect-AcrGeo -SubscriptionId ''{00000000-0000-0000-0000-000000000000}''' }
        @{ Cmdlet = 'Connect-AcrGeo'; Case = 'a tenant id that is no GUID'; ErrorId = 'AcrGeo.InvalidTenantId'
           Script = 'Connect-AcrGeo -SubscriptionId ''00000000-0000-0000-0000-000000000000'' -TenantId ''contoso.onmicrosoft.com''' }
        @{ Cmdlet = 'Connect-AcrGeo'; Case = 'a managed identity client id that is no GUID'; ErrorId = 'AcrGeo.InvalidClientId'
           Script = 'Connect-AcrGeo -Identity -SubscriptionId ''00000000-0000-0000-0000-000000000000'' -ClientId ''my-identity''' }
        @{ Cmdlet = 'Connect-AcrGeo'; Case = 'a service principal id that is no GUID'; ErrorId = 'AcrGeo.InvalidClientId'
           Script = 'Connect-AcrGeo -ServicePrincipal -SubscriptionId ''00000000-0000-0000-0000-000000000000'' -TenantId ''00000000-0000-0000-0000-000000000000'' -Credential ([pscredential]::new(''not-a-guid'', (ConvertTo-SecureString ''s'' -AsPlainText -Force)))' }
        @{ Cmdlet = 'Connect-AcrGeo'; Case = 'a negative poll interval'; ErrorId = 'AcrGeo.InvalidConnectionSetting'
           Script = 'Connect-AcrGeo -Emulator -EmulatorDataDirectory {dataDir} -PollIntervalSeconds -1' }
        @{ Cmdlet = 'Connect-AcrGeo'; Case = 'a poll interval of NaN'; ErrorId = 'AcrGeo.InvalidConnectionSetting'
           Script = 'Connect-AcrGeo -Emulator -EmulatorDataDirectory {dataDir} -PollIntervalSeconds ([double]::NaN)' }
        @{ Cmdlet = 'Connect-AcrGeo'; Case = 'a poll interval over 300 s'; ErrorId = 'AcrGeo.InvalidConnectionSetting'
           Script = 'Connect-AcrGeo -Emulator -EmulatorDataDirectory {dataDir} -PollIntervalSeconds 301' }
        @{ Cmdlet = 'Connect-AcrGeo'; Case = 'no parallel operations'; ErrorId = 'AcrGeo.InvalidConnectionSetting'
           Script = 'Connect-AcrGeo -Emulator -EmulatorDataDirectory {dataDir} -MaxParallelOperations 0' }
        @{ Cmdlet = 'Connect-AcrGeo'; Case = '1,001 parallel operations'; ErrorId = 'AcrGeo.InvalidConnectionSetting'
           Script = 'Connect-AcrGeo -Emulator -EmulatorDataDirectory {dataDir} -MaxParallelOperations 1001' }
        @{ Cmdlet = 'Connect-AcrGeo'; Case = 'a negative retry count'; ErrorId = 'AcrGeo.InvalidConnectionSetting'
           Script = 'Connect-AcrGeo -Emulator -EmulatorDataDirectory {dataDir} -MaxRetries -1' }
        @{ Cmdlet = 'Connect-AcrGeo'; Case = 'eleven retries'; ErrorId = 'AcrGeo.InvalidConnectionSetting'
           Script = 'Connect-AcrGeo -Emulator -EmulatorDataDirectory {dataDir} -MaxRetries 11' }
        @{ Cmdlet = 'Connect-AcrGeo'; Case = 'a retry delay over a minute'; ErrorId = 'AcrGeo.InvalidConnectionSetting'
           Script = 'Connect-AcrGeo -Emulator -EmulatorDataDirectory {dataDir} -RetryDelaySeconds 61' }
        @{ Cmdlet = 'Connect-AcrGeo'; Case = 'a damaged connection file'; ErrorId = 'AcrGeo.InvalidConnection'
           Script = 'Connect-AcrGeo -Emulator -EmulatorDataDirectory {damagedDir}' }
        @{ Cmdlet = 'Connect-AcrGeo'; Case = 'a connection file without a secret'; ErrorId = 'AcrGeo.InvalidConnection'
           Script = 'Connect-AcrGeo -Emulator -EmulatorDataDirectory {incompleteDir}' }
        @{ Cmdlet = 'Connect-AcrGeo'; Case = 'a connection file naming a remote host'; ErrorId = 'AcrGeo.InvalidConnection'
           Script = 'Connect-AcrGeo -Emulator -EmulatorDataDirectory {remoteDir}' }
        @{ Cmdlet = 'Connect-AcrGeo'; Case = 'no emulator in the folder'; ErrorId = 'AcrGeo.InvalidConnection'
           Script = 'Connect-AcrGeo -Emulator -EmulatorDataDirectory {tempDir}' }
        @{ Cmdlet = 'Connect-AcrGeo'; Case = '-Emulator with -Identity'; ErrorId = 'AmbiguousParameterSet'
           Script = 'Connect-AcrGeo -Emulator -Identity' }
        @{ Cmdlet = 'Connect-AcrGeo'; Case = '-ServicePrincipal without a tenant'; ErrorId = 'MissingMandatoryParameter'
           Script = 'Connect-AcrGeo -ServicePrincipal -SubscriptionId ''00000000-0000-0000-0000-000000000000'' -Credential ([pscredential]::new(''u'', (ConvertTo-SecureString ''s'' -AsPlainText -Force)))' }
        @{ Cmdlet = 'Disconnect-AcrGeo'; Case = 'a parameter it does not have'; ErrorId = 'NamedParameterNotFound'
           Script = 'Disconnect-AcrGeo -Force' }
        @{ Cmdlet = 'Get-AcrGeoContext'; Case = 'a parameter it does not have'; ErrorId = 'NamedParameterNotFound'
           Script = 'Get-AcrGeoContext -Name x' }
        @{ Cmdlet = 'Remove-AcrReplica'; Case = 'a region piped in'; ErrorId = 'InputObjectNotBound'
           Script = 'Get-AcrRegion -Registry {registry} -State Home | Remove-AcrReplica -Confirm:$false' }
        @{ Cmdlet = 'Remove-AcrWebhook'; Case = 'a replica piped in'; ErrorId = 'InputObjectNotBound'
           Script = 'Get-AcrReplica -Registry {registry} | Remove-AcrWebhook -Confirm:$false' }
        @{ Cmdlet = 'Remove-AcrContainerInstance'; Case = 'a registry piped in'; ErrorId = 'InputObjectNotBound'
           Script = 'Get-AcrRegistry -Name {registry} | Remove-AcrContainerInstance -Confirm:$false' }
        @{ Cmdlet = 'Wait-AcrReplica'; Case = 'a string piped in'; ErrorId = 'InputObjectNotBound'
           Script = '''westus'' | Wait-AcrReplica' }
        @{ Cmdlet = 'New-AcrRegistry'; Case = 'no resource group'; ErrorId = 'MissingMandatoryParameter'
           Script = 'New-AcrRegistry -Name contosobad7 -Location westus' }
        @{ Cmdlet = 'Get-AcrRegistry'; Case = 'a parameter it does not have'; ErrorId = 'NamedParameterNotFound'
           Script = 'Get-AcrRegistry -Name {registry} -Extra 1' }
        @{ Cmdlet = 'Get-AcrImage'; Case = 'an empty repository'; ErrorId = 'AcrGeo.InvalidImageName'
           Script = 'Get-AcrImage -Registry {registry} -Repository ''''' }
        @{ Cmdlet = 'Set-AcrReplica'; Case = 'registry name with a trailing newline'; ErrorId = 'AcrGeo.InvalidRegistryName'
           Script = 'Set-AcrReplica -Registry "contoso`n" -Name eastus -GlobalEndpointRouting Disabled -Confirm:$false' }
        @{ Cmdlet = 'Sync-AcrReplica'; Case = 'registry name with a trailing newline'; ErrorId = 'AcrGeo.InvalidRegistryName'
           Script = 'Sync-AcrReplica -Registry "contoso`n" -Location westus, eastus -Confirm:$false' }
        @{ Cmdlet = 'Set-AcrWebhook'; Case = 'registry name with a trailing newline'; ErrorId = 'AcrGeo.InvalidRegistryName'
           Script = 'Set-AcrWebhook -Registry "contoso`n" -Name hookone -Status Disabled -Confirm:$false' }
        @{ Cmdlet = 'Test-AcrWebhook'; Case = 'registry name with a trailing newline'; ErrorId = 'AcrGeo.InvalidRegistryName'
           Script = 'Test-AcrWebhook -Registry "contoso`n" -Name hookone -Confirm:$false' }
        @{ Cmdlet = 'Get-AcrWebhookEvent'; Case = 'registry name with a trailing newline'; ErrorId = 'AcrGeo.InvalidRegistryName'
           Script = 'Get-AcrWebhookEvent -Registry "contoso`n" -Name hookone' }
        @{ Cmdlet = 'Wait-AcrImage'; Case = 'registry name with a trailing newline'; ErrorId = 'AcrGeo.InvalidRegistryName'
           Script = 'Wait-AcrImage -Registry "contoso`n" -Image aci-helloworld:v1' }
        @{ Cmdlet = 'Get-AcrImageReplication'; Case = 'registry name with a trailing newline'; ErrorId = 'AcrGeo.InvalidRegistryName'
           Script = 'Get-AcrImageReplication -Registry "contoso`n" -Image aci-helloworld:v1' }
        @{ Cmdlet = 'Export-AcrRegionMap'; Case = 'registry name with a trailing newline'; ErrorId = 'AcrGeo.InvalidRegistryName'
           Script = 'Export-AcrRegionMap -Registry "contoso`n" -Path ({tempDir} + ''/map.svg'')' }
        @{ Cmdlet = 'Get-AcrRegistryEndpoint'; Case = 'registry name with a trailing newline'; ErrorId = 'AcrGeo.InvalidRegistryName'
           Script = 'Get-AcrRegistryEndpoint -Registry "contoso`n"' }
        @{ Cmdlet = 'Get-AcrRegistryUsage'; Case = 'registry name with a trailing newline'; ErrorId = 'AcrGeo.InvalidRegistryName'
           Script = 'Get-AcrRegistryUsage -Registry "contoso`n"' }
        @{ Cmdlet = 'Set-AcrReplica'; Case = 'registry name with a relative path'; ErrorId = 'AcrGeo.InvalidRegistryName'
           Script = 'Set-AcrReplica -Registry ''../contoso'' -Name eastus -GlobalEndpointRouting Disabled -Confirm:$false' }
        @{ Cmdlet = 'Sync-AcrReplica'; Case = 'registry name with a relative path'; ErrorId = 'AcrGeo.InvalidRegistryName'
           Script = 'Sync-AcrReplica -Registry ''../contoso'' -Location westus, eastus -Confirm:$false' }
        @{ Cmdlet = 'Set-AcrWebhook'; Case = 'registry name with a relative path'; ErrorId = 'AcrGeo.InvalidRegistryName'
           Script = 'Set-AcrWebhook -Registry ''../contoso'' -Name hookone -Status Disabled -Confirm:$false' }
        @{ Cmdlet = 'Test-AcrWebhook'; Case = 'registry name with a relative path'; ErrorId = 'AcrGeo.InvalidRegistryName'
           Script = 'Test-AcrWebhook -Registry ''../contoso'' -Name hookone -Confirm:$false' }
        @{ Cmdlet = 'Get-AcrWebhookEvent'; Case = 'registry name with a relative path'; ErrorId = 'AcrGeo.InvalidRegistryName'
           Script = 'Get-AcrWebhookEvent -Registry ''../contoso'' -Name hookone' }
        @{ Cmdlet = 'Wait-AcrImage'; Case = 'registry name with a relative path'; ErrorId = 'AcrGeo.InvalidRegistryName'
           Script = 'Wait-AcrImage -Registry ''../contoso'' -Image aci-helloworld:v1' }
        @{ Cmdlet = 'Get-AcrImageReplication'; Case = 'registry name with a relative path'; ErrorId = 'AcrGeo.InvalidRegistryName'
           Script = 'Get-AcrImageReplication -Registry ''../contoso'' -Image aci-helloworld:v1' }
        @{ Cmdlet = 'Export-AcrRegionMap'; Case = 'registry name with a relative path'; ErrorId = 'AcrGeo.InvalidRegistryName'
           Script = 'Export-AcrRegionMap -Registry ''../contoso'' -Path ({tempDir} + ''/map.svg'')' }
        @{ Cmdlet = 'Get-AcrRegistryEndpoint'; Case = 'registry name with a relative path'; ErrorId = 'AcrGeo.InvalidRegistryName'
           Script = 'Get-AcrRegistryEndpoint -Registry ''../contoso''' }
        @{ Cmdlet = 'Get-AcrRegistryUsage'; Case = 'registry name with a relative path'; ErrorId = 'AcrGeo.InvalidRegistryName'
           Script = 'Get-AcrRegistryUsage -Registry ''../contoso''' }
        @{ Cmdlet = 'Set-AcrReplica'; Case = 'replica name with a trailing newline'; ErrorId = 'AcrGeo.InvalidReplicaName'
           Script = 'Set-AcrReplica -Registry {registry} -Name "contoso`n" -GlobalEndpointRouting Disabled -Confirm:$false' }
        @{ Cmdlet = 'Set-AcrReplica'; Case = 'replica name with a hyphen'; ErrorId = 'AcrGeo.InvalidReplicaName'
           Script = 'Set-AcrReplica -Registry {registry} -Name ''con-toso'' -GlobalEndpointRouting Disabled -Confirm:$false' }
        @{ Cmdlet = 'Set-AcrReplica'; Case = 'replica name with a relative path'; ErrorId = 'AcrGeo.InvalidReplicaName'
           Script = 'Set-AcrReplica -Registry {registry} -Name ''../contoso'' -GlobalEndpointRouting Disabled -Confirm:$false' }
        @{ Cmdlet = 'Set-AcrReplica'; Case = 'the home replica'; ErrorId = 'AcrGeo.HomeReplicaCannotBeUpdated'
           Script = 'Set-AcrReplica -Registry {registry} -Name westus -GlobalEndpointRouting Disabled -Confirm:$false' }
        @{ Cmdlet = 'Set-AcrReplica'; Case = 'nothing to change'; ErrorId = 'AcrGeo.NothingToChange'
           Script = 'Set-AcrReplica -Registry {registry} -Name eastus -Confirm:$false' }
        @{ Cmdlet = 'Set-AcrReplica'; Case = 'a replica that does not exist'; ErrorId = 'AcrGeo.ReplicaNotFound'
           Script = 'Set-AcrReplica -Registry {registry} -Name japaneast -GlobalEndpointRouting Disabled -Confirm:$false' }
        @{ Cmdlet = 'Set-AcrReplica'; Case = 'an unknown routing'; ErrorId = 'ParameterArgumentValidationError'
           Script = 'Set-AcrReplica -Registry {registry} -Name eastus -GlobalEndpointRouting Sometimes -Confirm:$false' }
        @{ Cmdlet = 'Set-AcrReplica'; Case = 'tag with /'; ErrorId = 'AcrGeo.InvalidTag'
           Script = 'Set-AcrReplica -Registry {registry} -Name eastus -Tag @{ ''a/b'' = ''x'' } -Confirm:$false' }
        @{ Cmdlet = 'Set-AcrReplica'; Case = 'tag with an empty name'; ErrorId = 'AcrGeo.InvalidTag'
           Script = 'Set-AcrReplica -Registry {registry} -Name eastus -Tag @{ '''' = ''x'' } -Confirm:$false' }
        @{ Cmdlet = 'Sync-AcrReplica'; Case = 'location with a slash'; ErrorId = 'AcrGeo.InvalidRegionName'
           Script = 'Sync-AcrReplica -Registry {registry} -Location ''west/us'' -Confirm:$false' }
        @{ Cmdlet = 'Sync-AcrReplica'; Case = 'location with a trailing newline'; ErrorId = 'AcrGeo.InvalidRegionName'
           Script = 'Sync-AcrReplica -Registry {registry} -Location "westus`n" -Confirm:$false' }
        @{ Cmdlet = 'Sync-AcrReplica'; Case = 'location with a hyphen'; ErrorId = 'AcrGeo.InvalidRegionName'
           Script = 'Sync-AcrReplica -Registry {registry} -Location ''west-us'' -Confirm:$false' }
        @{ Cmdlet = 'Sync-AcrReplica'; Case = 'a drained region it does not name'; ErrorId = 'AcrGeo.InvalidDesiredState'
           Script = 'Sync-AcrReplica -Registry {registry} -Location westus, eastus -DrainedLocation japaneast -Confirm:$false' }
        @{ Cmdlet = 'Sync-AcrReplica'; Case = 'an unknown region'; ErrorId = 'AcrGeo.UnknownRegion'
           Script = 'Sync-AcrReplica -Registry {registry} -Location westus, atlantis -Confirm:$false' }
        @{ Cmdlet = 'Sync-AcrReplica'; Case = 'a region without Container Registry'; ErrorId = 'AcrGeo.RegionUnavailable'
           Script = 'Sync-AcrReplica -Registry {registry} -Location westus, germanynorth -Confirm:$false' }
        @{ Cmdlet = 'Sync-AcrReplica'; Case = 'a Basic registry with other regions'; ErrorId = 'AcrGeo.PremiumSkuRequired'
           Script = 'Sync-AcrReplica -Registry {basic} -Location westus, eastus -Confirm:$false' }
        @{ Cmdlet = 'Sync-AcrReplica'; Case = 'a timeout of 0'; ErrorId = 'AcrGeo.InvalidTimeout'
           Script = 'Sync-AcrReplica -Registry {registry} -Location westus, eastus -TimeoutSeconds 0 -Confirm:$false' }
        @{ Cmdlet = 'Sync-AcrReplica'; Case = 'a tag with a slash'; ErrorId = 'AcrGeo.InvalidTag'
           Script = 'Sync-AcrReplica -Registry {registry} -Location westus, eastus -Tag @{ ''a/b'' = ''x'' } -Confirm:$false' }
        @{ Cmdlet = 'Sync-AcrReplica'; Case = 'a desired-state file that does not exist'; ErrorId = 'AcrGeo.InvalidDesiredState'
           Script = 'Sync-AcrReplica -Path ({tempDir} + ''/missing.psd1'') -Confirm:$false' }
        @{ Cmdlet = 'Sync-AcrReplica'; Case = 'a desired-state file of another kind'; ErrorId = 'AcrGeo.InvalidDesiredState'
           Script = 'Sync-AcrReplica -Path ({tempDir} + ''/state.txt'') -Confirm:$false' }
        @{ Cmdlet = 'Set-AcrWebhook'; Case = 'name with a trailing newline'; ErrorId = 'AcrGeo.InvalidWebhookName'
           Script = 'Set-AcrWebhook -Registry {registry} -Name "contoso`n" -Status Disabled -Confirm:$false' }
        @{ Cmdlet = 'Test-AcrWebhook'; Case = 'name with a trailing newline'; ErrorId = 'AcrGeo.InvalidWebhookName'
           Script = 'Test-AcrWebhook -Registry {registry} -Name "contoso`n" -Confirm:$false' }
        @{ Cmdlet = 'Get-AcrWebhookEvent'; Case = 'name with a trailing newline'; ErrorId = 'AcrGeo.InvalidWebhookName'
           Script = 'Get-AcrWebhookEvent -Registry {registry} -Name "contoso`n"' }
        @{ Cmdlet = 'Set-AcrWebhook'; Case = 'name with a hyphen'; ErrorId = 'AcrGeo.InvalidWebhookName'
           Script = 'Set-AcrWebhook -Registry {registry} -Name ''con-toso'' -Status Disabled -Confirm:$false' }
        @{ Cmdlet = 'Test-AcrWebhook'; Case = 'name with a hyphen'; ErrorId = 'AcrGeo.InvalidWebhookName'
           Script = 'Test-AcrWebhook -Registry {registry} -Name ''con-toso'' -Confirm:$false' }
        @{ Cmdlet = 'Get-AcrWebhookEvent'; Case = 'name with a hyphen'; ErrorId = 'AcrGeo.InvalidWebhookName'
           Script = 'Get-AcrWebhookEvent -Registry {registry} -Name ''con-toso''' }
        @{ Cmdlet = 'Set-AcrWebhook'; Case = 'nothing to change'; ErrorId = 'AcrGeo.NothingToChange'
           Script = 'Set-AcrWebhook -Registry {registry} -Name hookone -Confirm:$false' }
        @{ Cmdlet = 'Set-AcrWebhook'; Case = 'an ftp service URI'; ErrorId = 'AcrGeo.InvalidWebhookUri'
           Script = 'Set-AcrWebhook -Registry {registry} -Name hookone -ServiceUri ''ftp://example.test/h'' -Confirm:$false' }
        @{ Cmdlet = 'Set-AcrWebhook'; Case = 'a header with a line break'; ErrorId = 'AcrGeo.InvalidWebhookHeader'
           Script = 'Set-AcrWebhook -Registry {registry} -Name hookone -Header @{ Authorization = "k`r`nX: 1" } -Confirm:$false' }
        @{ Cmdlet = 'Set-AcrWebhook'; Case = 'a webhook that does not exist'; ErrorId = 'AcrGeo.WebhookNotFound'
           Script = 'Set-AcrWebhook -Registry {registry} -Name nosuchhook -Status Disabled -Confirm:$false' }
        @{ Cmdlet = 'Set-AcrWebhook'; Case = 'an unknown status'; ErrorId = 'ParameterArgumentValidationError'
           Script = 'Set-AcrWebhook -Registry {registry} -Name hookone -Status Paused -Confirm:$false' }
        @{ Cmdlet = 'Test-AcrWebhook'; Case = 'a webhook that does not exist'; ErrorId = 'AcrGeo.WebhookNotFound'
           Script = 'Test-AcrWebhook -Registry {registry} -Name nosuchhook -Confirm:$false' }
        @{ Cmdlet = 'Test-AcrWebhook'; Case = 'a timeout of 0'; ErrorId = 'AcrGeo.InvalidTimeout'
           Script = 'Test-AcrWebhook -Registry {registry} -Name nosuchhook -TimeoutSeconds 0 -Confirm:$false' }
        @{ Cmdlet = 'Get-AcrWebhookEvent'; Case = 'a webhook that does not exist'; ErrorId = 'AcrGeo.WebhookNotFound'
           Script = 'Get-AcrWebhookEvent -Registry {registry} -Name nosuchhook' }
        @{ Cmdlet = 'Wait-AcrImage'; Case = 'image with an uppercase repository'; ErrorId = 'AcrGeo.InvalidImageName'
           Script = 'Wait-AcrImage -Registry {registry} -Image ''Aci-HelloWorld:v1''' }
        @{ Cmdlet = 'Wait-AcrImage'; Case = 'image with a space'; ErrorId = 'AcrGeo.InvalidImageName'
           Script = 'Wait-AcrImage -Registry {registry} -Image ''aci helloworld:v1''' }
        @{ Cmdlet = 'Wait-AcrImage'; Case = 'a malformed digest'; ErrorId = 'AcrGeo.InvalidImageDigest'
           Script = 'Wait-AcrImage -Registry {registry} -Image aci-helloworld:v1 -Digest ''sha256:abc''' }
        @{ Cmdlet = 'Wait-AcrImage'; Case = 'a location with a slash'; ErrorId = 'AcrGeo.InvalidRegionName'
           Script = 'Wait-AcrImage -Registry {registry} -Image aci-helloworld:v1 -Location ''west/us''' }
        @{ Cmdlet = 'Get-AcrImageReplication'; Case = 'image with an uppercase repository'; ErrorId = 'AcrGeo.InvalidImageName'
           Script = 'Get-AcrImageReplication -Registry {registry} -Image ''Aci-HelloWorld:v1''' }
        @{ Cmdlet = 'Get-AcrImageReplication'; Case = 'image with a space'; ErrorId = 'AcrGeo.InvalidImageName'
           Script = 'Get-AcrImageReplication -Registry {registry} -Image ''aci helloworld:v1''' }
        @{ Cmdlet = 'Get-AcrImageReplication'; Case = 'a malformed digest'; ErrorId = 'AcrGeo.InvalidImageDigest'
           Script = 'Get-AcrImageReplication -Registry {registry} -Image aci-helloworld:v1 -Digest ''sha256:abc''' }
        @{ Cmdlet = 'Get-AcrImageReplication'; Case = 'a location with a slash'; ErrorId = 'AcrGeo.InvalidRegionName'
           Script = 'Get-AcrImageReplication -Registry {registry} -Image aci-helloworld:v1 -Location ''west/us''' }
        @{ Cmdlet = 'Wait-AcrImage'; Case = 'a timeout of 0'; ErrorId = 'AcrGeo.InvalidTimeout'
           Script = 'Wait-AcrImage -Registry {registry} -Image aci-helloworld:v1 -TimeoutSeconds 0' }
        @{ Cmdlet = 'Export-AcrRegionMap'; Case = 'a file that is no .svg'; ErrorId = 'AcrGeo.InvalidMapPath'
           Script = 'Export-AcrRegionMap -Registry {registry} -Path ({tempDir} + ''/map.png'') -Confirm:$false' }
        @{ Cmdlet = 'Export-AcrRegionMap'; Case = 'a folder that does not exist'; ErrorId = 'AcrGeo.InvalidMapPath'
           Script = 'Export-AcrRegionMap -Registry {registry} -Path ({tempDir} + ''/nowhere/map.svg'') -Confirm:$false' }
        @{ Cmdlet = 'Export-AcrRegionMap'; Case = 'a path with a NUL character'; ErrorId = 'AcrGeo.InvalidMapPath'
           Script = 'Export-AcrRegionMap -Registry {registry} -Path "map`0.svg" -Confirm:$false' }
        @{ Cmdlet = 'Start-AcrGeoEmulator'; Case = 'port 65536'; ErrorId = 'AcrGeo.InvalidPort'
           Script = 'Start-AcrGeoEmulator -Port 65536 -Confirm:$false' }
        @{ Cmdlet = 'Start-AcrGeoEmulator'; Case = 'a negative provisioning delay'; ErrorId = 'AcrGeo.InvalidSetting'
           Script = 'Start-AcrGeoEmulator -ProvisioningDelaySeconds -1 -Confirm:$false' }
        @{ Cmdlet = 'Start-AcrGeoEmulator'; Case = 'a sync delay over an hour'; ErrorId = 'AcrGeo.InvalidSetting'
           Script = 'Start-AcrGeoEmulator -SyncDelaySeconds 3601 -Confirm:$false' }
        @{ Cmdlet = 'Start-AcrGeoEmulator'; Case = 'a timeout of 0'; ErrorId = 'AcrGeo.InvalidTimeout'
           Script = 'Start-AcrGeoEmulator -TimeoutSeconds 0 -Confirm:$false' }
        @{ Cmdlet = 'Start-AcrGeoEmulator'; Case = 'a poll interval of NaN'; ErrorId = 'AcrGeo.InvalidConnectionSetting'
           Script = 'Start-AcrGeoEmulator -PollIntervalSeconds ([double]::NaN) -Confirm:$false' }
        @{ Cmdlet = 'Start-AcrGeoEmulator'; Case = 'an emulator path that does not exist'; ErrorId = 'AcrGeo.EmulatorNotFound'
           Script = 'Start-AcrGeoEmulator -Path ({tempDir} + ''/no-emulator-here'') -Confirm:$false' }
        @{ Cmdlet = 'Stop-AcrGeoEmulator'; Case = 'a process that is no emulator'; ErrorId = 'AcrGeo.NotAnEmulator'
           Script = 'Stop-AcrGeoEmulator -ProcessId $PID -Confirm:$false' }
        @{ Cmdlet = 'Stop-AcrGeoEmulator'; Case = 'a process id that is no number'; ErrorId = 'CannotConvertArgumentNoMessage'
           Script = 'Stop-AcrGeoEmulator -ProcessId ''emulator'' -Confirm:$false' }
        @{ Cmdlet = 'New-AcrPullIdentity'; Case = 'name with two characters'; ErrorId = 'AcrGeo.InvalidIdentityName'
           Script = 'New-AcrPullIdentity -Registry {registry} -Name ''ab'' -ResourceGroupName {rg}' }
        @{ Cmdlet = 'New-AcrPullIdentity'; Case = 'name with a slash'; ErrorId = 'AcrGeo.InvalidIdentityName'
           Script = 'New-AcrPullIdentity -Registry {registry} -Name ''id/x'' -ResourceGroupName {rg}' }
        @{ Cmdlet = 'New-AcrPullIdentity'; Case = 'name with a trailing newline'; ErrorId = 'AcrGeo.InvalidIdentityName'
           Script = 'New-AcrPullIdentity -Registry {registry} -Name "pull-id`n" -ResourceGroupName {rg}' }
        @{ Cmdlet = 'New-AcrPullIdentity'; Case = 'name with a leading hyphen'; ErrorId = 'AcrGeo.InvalidIdentityName'
           Script = 'New-AcrPullIdentity -Registry {registry} -Name ''-pullid'' -ResourceGroupName {rg}' }
        @{ Cmdlet = 'New-AcrPullIdentity'; Case = 'name with 129 characters'; ErrorId = 'AcrGeo.InvalidIdentityName'
           Script = 'New-AcrPullIdentity -Registry {registry} -Name (''i'' * 129) -ResourceGroupName {rg}' }
        @{ Cmdlet = 'New-AcrPullIdentity'; Case = 'name with a space'; ErrorId = 'AcrGeo.InvalidIdentityName'
           Script = 'New-AcrPullIdentity -Registry {registry} -Name ''pull id'' -ResourceGroupName {rg}' }
        @{ Cmdlet = 'New-AcrPullIdentity'; Case = 'registry name with a trailing newline'; ErrorId = 'AcrGeo.InvalidRegistryName'
           Script = 'New-AcrPullIdentity -Registry "contoso`n" -Name pull-id -ResourceGroupName {rg}' }
        @{ Cmdlet = 'New-AcrPullIdentity'; Case = 'registry name with a relative path'; ErrorId = 'AcrGeo.InvalidRegistryName'
           Script = 'New-AcrPullIdentity -Registry ''../contoso'' -Name pull-id -ResourceGroupName {rg}' }
        @{ Cmdlet = 'New-AcrPullIdentity'; Case = 'resource group with a space'; ErrorId = 'AcrGeo.InvalidResourceGroupName'
           Script = 'New-AcrPullIdentity -Registry {registry} -Name pull-id -ResourceGroupName ''my group''' }
        @{ Cmdlet = 'New-AcrPullIdentity'; Case = 'location with a slash'; ErrorId = 'AcrGeo.InvalidRegionName'
           Script = 'New-AcrPullIdentity -Registry {registry} -Name pull-id -ResourceGroupName {rg} -Location ''west/us''' }
        @{ Cmdlet = 'New-AcrPullIdentity'; Case = 'an unknown region'; ErrorId = 'AcrGeo.UnknownRegion'
           Script = 'New-AcrPullIdentity -Registry {registry} -Name pull-id -ResourceGroupName {rg} -Location atlantis' }
        @{ Cmdlet = 'Get-AcrPullIdentity'; Case = 'name with two characters'; ErrorId = 'AcrGeo.InvalidIdentityName'
           Script = 'Get-AcrPullIdentity -Registry {registry} -Name ''ab''' }
        @{ Cmdlet = 'Get-AcrPullIdentity'; Case = 'name with a trailing newline'; ErrorId = 'AcrGeo.InvalidIdentityName'
           Script = 'Get-AcrPullIdentity -Registry {registry} -Name "pull-id`n"' }
        @{ Cmdlet = 'Get-AcrPullIdentity'; Case = 'name with a query string'; ErrorId = 'AcrGeo.InvalidIdentityName'
           Script = 'Get-AcrPullIdentity -Registry {registry} -Name ''pull-id?api-version=1''' }
        @{ Cmdlet = 'Get-AcrPullIdentity'; Case = 'registry name with a relative path'; ErrorId = 'AcrGeo.InvalidRegistryName'
           Script = 'Get-AcrPullIdentity -Registry ''../contoso''' }
        @{ Cmdlet = 'Get-AcrPullIdentity'; Case = 'resource group with a slash'; ErrorId = 'AcrGeo.InvalidResourceGroupName'
           Script = 'Get-AcrPullIdentity -Registry {registry} -ResourceGroupName ''rg/x''' }
        @{ Cmdlet = 'Remove-AcrPullIdentity'; Case = 'name with a slash'; ErrorId = 'AcrGeo.InvalidIdentityName'
           Script = 'Remove-AcrPullIdentity -Registry {registry} -Name ''id/x'' -ResourceGroupName {rg} -Confirm:$false' }
        @{ Cmdlet = 'Remove-AcrPullIdentity'; Case = 'name with a trailing newline'; ErrorId = 'AcrGeo.InvalidIdentityName'
           Script = 'Remove-AcrPullIdentity -Registry {registry} -Name "pull-id`n" -ResourceGroupName {rg} -Confirm:$false' }
        @{ Cmdlet = 'Remove-AcrPullIdentity'; Case = 'name with 129 characters'; ErrorId = 'AcrGeo.InvalidIdentityName'
           Script = 'Remove-AcrPullIdentity -Registry {registry} -Name (''i'' * 129) -ResourceGroupName {rg} -Confirm:$false' }
        @{ Cmdlet = 'Remove-AcrPullIdentity'; Case = 'registry name with a trailing newline'; ErrorId = 'AcrGeo.InvalidRegistryName'
           Script = 'Remove-AcrPullIdentity -Registry "contoso`n" -Name pull-id -ResourceGroupName {rg} -Confirm:$false' }
        @{ Cmdlet = 'Remove-AcrPullIdentity'; Case = 'resource group with an escaped slash'; ErrorId = 'AcrGeo.InvalidResourceGroupName'
           Script = 'Remove-AcrPullIdentity -Registry {registry} -Name pull-id -ResourceGroupName ''rg%2fx'' -Confirm:$false' }
        @{ Cmdlet = 'Remove-AcrPullIdentity'; Case = 'no resource group'; ErrorId = 'MissingMandatoryParameter'
           Script = 'Remove-AcrPullIdentity -Registry {registry} -Name pull-id -Confirm:$false' }
        @{ Cmdlet = 'New-AcrContainerInstance'; Case = 'a pull identity that is no resource id'; ErrorId = 'AcrGeo.InvalidPullIdentity'
           Script = 'New-AcrContainerInstance -Registry {registry} -ResourceGroupName {rg} -Name aci-demo -Image aci-helloworld:v1 -PullIdentity ''my-identity''' }
        @{ Cmdlet = 'New-AcrContainerInstance'; Case = 'a pull identity of another resource type'; ErrorId = 'AcrGeo.InvalidPullIdentity'
           Script = 'New-AcrContainerInstance -Registry {registry} -ResourceGroupName {rg} -Name aci-demo -Image aci-helloworld:v1 -PullIdentity ''/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/x''' }
        @{ Cmdlet = 'New-AcrContainerInstance'; Case = 'a pull identity with a path in its name'; ErrorId = 'AcrGeo.InvalidPullIdentity'
           Script = 'New-AcrContainerInstance -Registry {registry} -ResourceGroupName {rg} -Name aci-demo -Image aci-helloworld:v1 -PullIdentity ''/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/../x''' }
        @{ Cmdlet = 'New-AcrContainerInstance'; Case = 'a pull identity in another subscription'; ErrorId = 'AcrGeo.InvalidPullIdentity'
           Script = 'New-AcrContainerInstance -Registry {registry} -ResourceGroupName {rg} -Name aci-demo -Image aci-helloworld:v1 -PullIdentity ''/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/pull-id''' }
        @{ Cmdlet = 'New-AcrContainerInstance'; Case = 'a pull identity that does not exist'; ErrorId = 'AcrGeo.PullIdentityNotFound'
           Script = 'New-AcrContainerInstance -Registry {registry} -ResourceGroupName {rg} -Name aci-demo -Image aci-helloworld:v1 -PullIdentity (''/subscriptions/'' + {subscription} + ''/resourceGroups/'' + {rg} + ''/providers/Microsoft.ManagedIdentity/userAssignedIdentities/no-such-id'')' }
        @{ Cmdlet = 'New-AcrContainerInstance'; Case = 'a pull identity and a credential'; ErrorId = 'AmbiguousParameterSet'
           Script = 'New-AcrContainerInstance -Registry {registry} -ResourceGroupName {rg} -Name aci-demo -Image aci-helloworld:v1 -PullIdentity ''x'' -VaultName {vault}' }
        @{ Cmdlet = 'Start-AcrContainerInstance'; Case = 'resource group with a space'; ErrorId = 'AcrGeo.InvalidResourceGroupName'
           Script = 'Start-AcrContainerInstance -ResourceGroupName ''my group'' -Name aci-demo -Confirm:$false' }
        @{ Cmdlet = 'Start-AcrContainerInstance'; Case = 'name with uppercase letters'; ErrorId = 'AcrGeo.InvalidContainerGroupName'
           Script = 'Start-AcrContainerInstance -ResourceGroupName {rg} -Name ''Aci-Demo'' -Confirm:$false' }
        @{ Cmdlet = 'Start-AcrContainerInstance'; Case = 'name with a relative path'; ErrorId = 'AcrGeo.InvalidContainerGroupName'
           Script = 'Start-AcrContainerInstance -ResourceGroupName {rg} -Name ''../x'' -Confirm:$false' }
        @{ Cmdlet = 'Start-AcrContainerInstance'; Case = 'a group that does not exist'; ErrorId = 'AcrGeo.ContainerInstanceNotFound'
           Script = 'Start-AcrContainerInstance -ResourceGroupName {rg} -Name no-such-group -Confirm:$false' }
        @{ Cmdlet = 'Stop-AcrContainerInstance'; Case = 'resource group with a space'; ErrorId = 'AcrGeo.InvalidResourceGroupName'
           Script = 'Stop-AcrContainerInstance -ResourceGroupName ''my group'' -Name aci-demo -Confirm:$false' }
        @{ Cmdlet = 'Stop-AcrContainerInstance'; Case = 'name with uppercase letters'; ErrorId = 'AcrGeo.InvalidContainerGroupName'
           Script = 'Stop-AcrContainerInstance -ResourceGroupName {rg} -Name ''Aci-Demo'' -Confirm:$false' }
        @{ Cmdlet = 'Stop-AcrContainerInstance'; Case = 'name with a relative path'; ErrorId = 'AcrGeo.InvalidContainerGroupName'
           Script = 'Stop-AcrContainerInstance -ResourceGroupName {rg} -Name ''../x'' -Confirm:$false' }
        @{ Cmdlet = 'Stop-AcrContainerInstance'; Case = 'a group that does not exist'; ErrorId = 'AcrGeo.ContainerInstanceNotFound'
           Script = 'Stop-AcrContainerInstance -ResourceGroupName {rg} -Name no-such-group -Confirm:$false' }
        @{ Cmdlet = 'Restart-AcrContainerInstance'; Case = 'resource group with a space'; ErrorId = 'AcrGeo.InvalidResourceGroupName'
           Script = 'Restart-AcrContainerInstance -ResourceGroupName ''my group'' -Name aci-demo -Confirm:$false' }
        @{ Cmdlet = 'Restart-AcrContainerInstance'; Case = 'name with uppercase letters'; ErrorId = 'AcrGeo.InvalidContainerGroupName'
           Script = 'Restart-AcrContainerInstance -ResourceGroupName {rg} -Name ''Aci-Demo'' -Confirm:$false' }
        @{ Cmdlet = 'Restart-AcrContainerInstance'; Case = 'name with a relative path'; ErrorId = 'AcrGeo.InvalidContainerGroupName'
           Script = 'Restart-AcrContainerInstance -ResourceGroupName {rg} -Name ''../x'' -Confirm:$false' }
        @{ Cmdlet = 'Restart-AcrContainerInstance'; Case = 'a group that does not exist'; ErrorId = 'AcrGeo.ContainerInstanceNotFound'
           Script = 'Restart-AcrContainerInstance -ResourceGroupName {rg} -Name no-such-group -Confirm:$false' }
        @{ Cmdlet = 'Start-AcrContainerInstance'; Case = 'a timeout of 0'; ErrorId = 'AcrGeo.InvalidTimeout'
           Script = 'Start-AcrContainerInstance -ResourceGroupName {rg} -Name no-such-group -TimeoutSeconds 0 -Confirm:$false' }
        @{ Cmdlet = 'Restart-AcrContainerInstance'; Case = 'a timeout over a day'; ErrorId = 'AcrGeo.InvalidTimeout'
           Script = 'Restart-AcrContainerInstance -ResourceGroupName {rg} -Name no-such-group -TimeoutSeconds 86401 -Confirm:$false' }
        @{ Cmdlet = 'Get-AcrPullPrincipal'; Case = 'a negative expiry window'; ErrorId = 'AcrGeo.InvalidExpiryWindow'
           Script = 'Get-AcrPullPrincipal -ExpiringWithin ([TimeSpan]::FromDays(-1))' }
        @{ Cmdlet = 'Get-AcrPullPrincipal'; Case = 'the largest expiry window'; ErrorId = 'AcrGeo.InvalidExpiryWindow'
           Script = 'Get-AcrPullPrincipal -ExpiringWithin ([TimeSpan]::MaxValue)' }
        @{ Cmdlet = 'Reset-AcrPullPrincipalCredential'; Case = 'a redeploy timeout of 0'; ErrorId = 'AcrGeo.InvalidTimeout'
           Script = 'Reset-AcrPullPrincipalCredential -Registry {registry} -VaultName {vault} -UpdateContainerInstance -TimeoutSeconds 0 -Confirm:$false' }
        @{ Cmdlet = 'Import-AcrImage'; Case = 'a source registry id that is not one'; ErrorId = 'AcrGeo.InvalidImportSource'
           Script = 'Import-AcrImage -Registry {registry} -Source app:v1 -SourceRegistryId ''/subscriptions/x/resourceGroups/g''' }
        @{ Cmdlet = 'Import-AcrImage'; Case = 'a source registry id and a registry host'; ErrorId = 'AcrGeo.InvalidImportSource'
           Script = 'Import-AcrImage -Registry {registry} -Source other.azurecr.io/app:v1 -SourceRegistryId (''/subscriptions/'' + {subscription} + ''/resourceGroups/g/providers/Microsoft.ContainerRegistry/registries/other12345'')' }
        @{ Cmdlet = 'Import-AcrImage'; Case = 'a digest-only source without a target tag'; ErrorId = 'AcrGeo.InvalidImageName'
           Script = 'Import-AcrImage -Registry {registry} -Source (''mcr.microsoft.com/hello-world@sha256:'' + (''a'' * 64))' }
    )
}
