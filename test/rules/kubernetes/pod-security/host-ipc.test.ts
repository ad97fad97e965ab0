import { ruleTester } from "../../../helpers/rule-tester.js";
import { hostNamespaceCases } from "./host-namespaces.js";

ruleTester("k8s/host-ipc", hostNamespaceCases("hostIPC", "shares the host's IPC namespace"));
