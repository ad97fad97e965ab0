import { ruleTester } from "../../../helpers/rule-tester.js";
import { hostNamespaceCases } from "./host-namespaces.js";

ruleTester("k8s/host-pid", hostNamespaceCases("hostPID", "shares the host's process ID namespace"));
