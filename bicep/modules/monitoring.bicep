// Log Analytics workspace + workspace-based Application Insights. Local (instrumentation-key) ingestion is
// disabled: Function apps send telemetry with their managed identity (APPLICATIONINSIGHTS_AUTHENTICATION_STRING
// = Authorization=AAD) and hold the Monitoring Metrics Publisher role (granted in function-app.bicep).

@description('Region of the workspace and the component.')
param location string

@description('Tags applied to every resource.')
param tags object

@description('Log Analytics workspace name.')
param logAnalyticsName string

@description('Application Insights component name.')
param appInsightsName string

@description('Days to keep logs.')
@minValue(30)
@maxValue(730)
param retentionInDays int = 30

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: logAnalyticsName
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: retentionInDays
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: appInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    DisableLocalAuth: true
  }
}

output appInsightsName string = appInsights.name
output logAnalyticsName string = workspace.name
