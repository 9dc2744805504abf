// A binding declared without a value cannot be read.
async fn main() {
    let x: i32;
    println!("{}", x);
}
