// `x` becomes a u32 through the call, and `-` does not apply to unsigned integers.
fn show(v: u32) {
    println!("{}", v);
}

async fn main() {
    let x = 5;
    show(x);
    let y = -x;
    println!("{}", y);
}
