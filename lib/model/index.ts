export { computeScenarioQuantity } from "./scenario-quantity";
