import { ruleTester } from "../../../helpers/rule-tester.js";
import { hostNamespaceCases } from "./host-namespaces.js";

ruleTester("k8s/host-network", hostNamespaceCases("hostNetwork", "shares the host's network namespace"));
