// swagger-ui-dist ships no types. Only this small module is loaded in Node: the package's main entry would also load
// the 1.7 MB browser bundle into the API process.
declare module 'swagger-ui-dist/absolute-path.js' {
  /** The folder holding swagger-ui-dist's files. */
  const getAbsoluteFSPath: () => string
  export default getAbsoluteFSPath
}
