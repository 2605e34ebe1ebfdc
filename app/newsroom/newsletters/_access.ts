// The newsletter section signs in through the same adapter as the subscriber section.
export { editorForPage, editorForRequest } from "../subscribers/_access";
