// The loop's iterator borrows `names` across each `.await`; nothing mutates it meanwhile.
async fn main() {
    let names = vec![String::from("a"), String::from("b")];
    for name in names.iter() {
        sleep(Duration::from_millis(10)).await;
        println!("{}", name);
    }
    println!("{}", names.len());
}
