// Generates JsNumberNodeVectors.NodeStrings: node js-number-vectors.gen.js (Node 20.20.2 printed the committed values).
// deterministic PRNG
let s = 12345n;
function next(){ s = (s * 6364136223846793005n + 1442695040888963407n) & ((1n<<64n)-1n); return s; }
const buf = new DataView(new ArrayBuffer(8));
const lines=[];
for (let i=0;i<300;i++){
  let bits = next();
  // bias the exponent towards the interesting band around 1e-7..1e21 for half the cases
  if (i%2===0){ const exp = BigInt(1023 - 30 + Number(next() % 110n)); bits = (bits & ((1n<<52n)-1n)) | (exp<<52n) | ((next()&1n)<<63n); }
  buf.setBigUint64(0,bits);
  const x = buf.getFloat64(0);
  if (Number.isNaN(x)) continue;
  lines.push(`        { 0x${bits.toString(16).padStart(16,'0').toUpperCase()}UL, "${String(x)}" },`);
}
// integers and round numbers
for (const x of [1e21-65536, 2**53, 2**53+2, 123456789012345680000, 1e-6, 9.999999999999999e-7, 1e21*0.99999999999999, 0.1+0.2, 100, 1/3*1e-10, 5e-324, 2**-1074*3]){
  buf.setFloat64(0,x); lines.push(`        { 0x${buf.getBigUint64(0).toString(16).padStart(16,'0').toUpperCase()}UL, "${String(x)}" },`);
}
console.log(lines.join('\n'));
