// One client deployment, deployed into the CLIENT's own subscription (resource-group scope):
//   az deployment group create -g <client-rg> -f bicep/client.bicep -p clientName=<name> principalId=<uploader>
// Today: the Client UI's static website. The `client-app` Function app joins when functions/client-app exists:
// it will use modules/function-app.bicep (as main.bicep does) with its own host storage account and
// Application Insights, and settings bound the same way. It is not declared here yet because its settings and
// roles are defined by that app's config.ts, which the cross-check test compares against the Bicep
// declaration; declaring them before the code exists would be guesswork.

@minLength(1)
@maxLength(40)
@description('Client deployment name: tags every resource and seeds the unique name suffix.')
param clientName string

@description('Region of every regional resource.')
param location string = resourceGroup().location

@description('Object id of the principal that uploads the Client UI; empty = none.')
param principalId string = ''

@description('Kind of that principal.')
@allowed([
  'User'
  'ServicePrincipal'
  'Group'
])
param principalType string = 'User'

@description('Serve the UIs through Azure Front Door Standard, which adds the headers a static website cannot send (frame-ancestors, X-Frame-Options…; see modules/ui-front-door.bicep). Off: the pages keep their meta CSP but can be framed; saves the profile fee.')
param uiFrontDoor bool = true

var tags = {
  'kpi-client': clientName
}
var token = toLower(uniqueString(subscription().id, resourceGroup().id, clientName))

module clientSite 'modules/static-site.bicep' = {
  name: 'static-site-client'
  params: {
    siteName: 'client'
    accountName: 'stwebclient${token}'
    location: location
    tags: tags
    deployerPrincipalId: principalId
    deployerPrincipalType: principalType
  }
}

module uiFront 'modules/ui-front-door.bicep' = if (uiFrontDoor) {
  name: 'ui-front-door'
  params: {
    profileName: 'afd-${token}'
    sites: [
      {
        name: 'client'
        url: clientSite.outputs.url
      }
    ]
    tags: tags
  }
}

// Same shape as main.bicep's UI_SITES, so the one upload script serves both.
output UI_SITES array = [
  {
    name: 'client'
    storageAccount: clientSite.outputs.accountName
    url: uiFrontDoor ? uiFront.outputs.urls[0] : clientSite.outputs.url
  }
]
