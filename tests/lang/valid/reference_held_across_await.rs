// A shared borrow held across an `.await`: nothing changes the String meanwhile.
async fn main() {
    let s = String::from("kept");
    let r = &s;
    sleep(Duration::from_millis(10)).await;
    println!("{}", r);
}
