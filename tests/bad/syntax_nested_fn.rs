async fn main() {
    fn helper() -> u32 { 1 }
    println!("{}", helper());
}
