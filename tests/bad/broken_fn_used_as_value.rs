// A function header without its parameter list, whose name is then used as a value: the body
// using it must not be lowered (it used to recurse without end in the IR lowering).
async fn main() {
    let x = f;
}

async fn f
