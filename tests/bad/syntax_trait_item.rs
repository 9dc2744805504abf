trait Named {
    fn name() -> String;
}

async fn main() {
    println!("hi");
}
