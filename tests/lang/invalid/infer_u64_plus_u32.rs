// Two integer types do not mix: `a + b` with a u64 and a u32.
async fn main() {
    let a: u64 = 1;
    let b: u32 = 2;
    let c = a + b;
    println!("{}", c);
}
