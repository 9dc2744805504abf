// The Book's dangling reference: `x` is dropped at the end of the inner block.
async fn main() {
    let r: &i32;
    {
        let x = 5;
        r = &x;
    }
    println!("{}", r);
}
