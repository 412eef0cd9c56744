using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using Superposition.Functions.Hosting;

// The Functions app: HTTP starts and reads experiments, queues plan and score them, timers aggregate and re-run.
// Settings: docs/functions.md, "Settings" (local.settings.sample.json for `func start` on Azurite).
var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddSuperpositionFunctions(builder.Configuration);
builder.Build().Run();
